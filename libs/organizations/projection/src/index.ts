import type { ProjectionHandlers } from '@orgs/shared/projector';
import { accessSampleHandlers } from './access-samples/access-samples.projection';
import { accountHandlers } from './accounts/accounts.projection';
import { handshakeHandlers } from './handshakes/handshakes.projection';
import { organizationLifecycleHandlers } from './organization-lifecycle/organization-lifecycle.projection';
import { organizationalUnitHandlers } from './organizational-units/organizational-units.projection';
import { accountMoveHandlers, policyHandlers } from './policies/policies.projection';
import { policyChainHandlers } from './policies/policy-chain-changes';
import { tagHandlers } from './tags/tags.projection';
import { delegatedAdministratorHandlers } from './delegated-administrators/delegated-administrators.projection';
import { accessRoleHandlers, trustedAccessHandlers } from './trusted-access/trusted-access.projection';

/** The organization's read models, one set of handlers per capability folder. */
export const organizationHandlers: ProjectionHandlers[] = [
  organizationLifecycleHandlers,
  organizationalUnitHandlers,
  accountHandlers,
  handshakeHandlers,
  tagHandlers,
  policyHandlers,
  accountMoveHandlers,
  policyChainHandlers,
  trustedAccessHandlers,
  accessRoleHandlers,
  delegatedAdministratorHandlers,
  accessSampleHandlers,
];

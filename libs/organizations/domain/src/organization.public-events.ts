import { composePublicEvents } from '@orgs/shared/kernel';
import { accountPublicEvents } from './accounts/accounts.public-events';
import { handshakePublicEvents } from './handshakes/handshakes.public-events';
import { organizationLifecyclePublicEvents } from './organization-lifecycle/organization-lifecycle.public-events';
import { organizationalUnitPublicEvents } from './organizational-units/organizational-units.public-events';
import { policyPublicEvents } from './policies/policies.public-events';
import { trustedAccessPublicEvents } from './trusted-access/trusted-access.public-events';

/** What the organization publishes (webhooks): each capability's mapping of its internal events. */
export const ORGANIZATION_PUBLIC_EVENTS = composePublicEvents([
  organizationLifecyclePublicEvents,
  organizationalUnitPublicEvents,
  accountPublicEvents,
  handshakePublicEvents,
  policyPublicEvents,
  trustedAccessPublicEvents,
]);

import type { RecordedEvent } from '@orgs/shared/event-store';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import { POLICY_EVENT_TYPES, type AccountEvent, type OrganizationLifecycleEvent, type PolicyEvent } from '@orgs/organizations/domain';

/** What the API's AccessSimulator keeps per organization: the compiled SCP and RCP chains of its accounts. */
const policyChains = (tenantId: string, organizationId: string) => `policy-chains:${tenantId}/${organizationId}`;

const CHANGING_CHAINS = new Set<string>([
  ...POLICY_EVENT_TYPES,
  ...(['AccountMoved', 'AccountDepartedOrganization'] satisfies AccountEvent['type'][]),
  ...(['OrganizationDeleted'] satisfies OrganizationLifecycleEvent['type'][]),
]);

/**
 * Writes nothing: announces that an organization's compiled chains are stale whenever a policy
 * changes, is attached or detached, a type is switched, an account moves or leaves (its chain or
 * its membership changes) or the organization is deleted. Accounts that join need no announcement:
 * they were never cached.
 */
export const policyChainHandlers: ProjectionHandlers = {
  tables: [],
  eventTypes: CHANGING_CHAINS,
  write: () => undefined,
  invalidates: (recorded: RecordedEvent) => {
    const { organizationId } = (recorded as unknown as PolicyEvent).data;
    return [policyChains(recorded.tenantId, organizationId)];
  },
};

import type { OrganizationEvent } from '@orgs/organizations/domain';
import { CONSUMED_ORGANIZATION_EVENTS, type ConsumedOrganizationEvents } from '@orgs/billing/projection';

/**
 * Billing subscribes to the organization's events by type name and reads only some fields
 * (libs/billing/projection/src/organization-events.ts). This is the contract between the two
 * capabilities: it fails the type check (npm run typecheck) if an event billing reads is renamed
 * or stops carrying a field billing relies on, and the test if billing names an event that
 * the organization does not have.
 */
type DataOf<T extends string> = Extract<OrganizationEvent, { type: T }>['data'];
type Satisfies<T extends keyof ConsumedOrganizationEvents> = DataOf<T> extends ConsumedOrganizationEvents[T] ? true : never;
type Contract = { [T in keyof ConsumedOrganizationEvents]: Satisfies<T> };
const contract: Contract = {
  OrganizationCreated: true,
  OrganizationDeleted: true,
  OrganizationalUnitCreated: true,
  OrganizationalUnitUpdated: true,
  OrganizationalUnitDeleted: true,
  MemberAccountCreated: true,
  InvitedAccountJoined: true,
  AccountMoved: true,
  AccountDepartedOrganization: true,
};

it('names only events of the organization, each carrying what billing reads', () => {
  const organizationTypes: OrganizationEvent['type'][] = Object.keys(contract) as OrganizationEvent['type'][];
  expect([...CONSUMED_ORGANIZATION_EVENTS].sort()).toEqual([...organizationTypes].sort());
});

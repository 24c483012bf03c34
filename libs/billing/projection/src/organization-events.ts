/**
 * What billing reads of the organization's events, by type name: billing never imports the
 * organizations capability's code. These are the fields it relies on (a tolerant reader: the rest
 * of each payload is ignored); test/integration/billing-event-contract.spec.ts fails the type check
 * if the organization's events stop carrying them.
 */
export interface ConsumedOrganizationEvents {
  OrganizationCreated: { organizationId: string; managementAccountId: string; managementAccountName: string; root: { id: string; name: string }; createdAt: string };
  OrganizationDeleted: { organizationId: string; deletedAt: string };
  OrganizationalUnitCreated: { organizationId: string; organizationalUnitId: string; name: string; parentId: string };
  OrganizationalUnitUpdated: { organizationalUnitId: string; name: string };
  OrganizationalUnitDeleted: { organizationalUnitId: string };
  MemberAccountCreated: { organizationId: string; accountId: string; name: string; parentId: string; joinedAt: string };
  InvitedAccountJoined: { organizationId: string; account: { id: string; name: string; parentId: string; joinedAt: string } };
  AccountMoved: { organizationId: string; accountId: string; destinationParentId: string; movedAt: string };
  AccountDepartedOrganization: { organizationId: string; accountId: string; departedAt: string };
}

export type ConsumedEvent = { [T in keyof ConsumedOrganizationEvents]: { type: T; data: ConsumedOrganizationEvents[T] } }[keyof ConsumedOrganizationEvents];

export const CONSUMED_ORGANIZATION_EVENTS = new Set<string>([
  'OrganizationCreated',
  'OrganizationDeleted',
  'OrganizationalUnitCreated',
  'OrganizationalUnitUpdated',
  'OrganizationalUnitDeleted',
  'MemberAccountCreated',
  'InvitedAccountJoined',
  'AccountMoved',
  'AccountDepartedOrganization',
] satisfies (keyof ConsumedOrganizationEvents)[]);

import { mapPublic, publicEventType, type PublicEventCatalogue } from '@orgs/shared/kernel';
import { EXAMPLE_ACCOUNT, EXAMPLE_AT, EXAMPLE_ORGANIZATION, EXAMPLE_OU, EXAMPLE_ROOT, F } from '../public-event-fields';
import type { MemberAccountCreatedData } from './complete-account-creation';
import type { AccountMovedData } from './move-account';
import type { AccountDepartedOrganizationData } from './depart-organization';

const MEMBER = '444455556666';
const created = publicEventType(
  'organizations.account.created',
  1,
  'A member account was created in the organization (CreateAccount succeeded).',
  { organizationId: F.organizationId, accountId: F.accountId, arn: F.arn, name: F.name, email: F.email, parentId: F.parentId, createdAt: F.at },
  {
    organizationId: EXAMPLE_ORGANIZATION,
    accountId: MEMBER,
    arn: `arn:aws:organizations::${EXAMPLE_ACCOUNT}:account/${EXAMPLE_ORGANIZATION}/${MEMBER}`,
    name: 'payments-prod',
    email: 'payments-prod@example.com',
    parentId: EXAMPLE_ROOT,
    createdAt: EXAMPLE_AT,
  },
);
const moved = publicEventType(
  'organizations.account.moved',
  1,
  'An account was moved from one parent (root or OU) to another.',
  { organizationId: F.organizationId, accountId: F.accountId, sourceParentId: F.parentId, destinationParentId: F.parentId, movedAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, accountId: MEMBER, sourceParentId: EXAMPLE_ROOT, destinationParentId: EXAMPLE_OU, movedAt: EXAMPLE_AT },
);
const closing = publicEventType(
  'organizations.account.closure_requested',
  1,
  'CloseAccount was called: the account is PENDING_CLOSURE.',
  { organizationId: F.organizationId, accountId: F.accountId, requestedAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, accountId: MEMBER, requestedAt: EXAMPLE_AT },
);
const closed = publicEventType(
  'organizations.account.closed',
  1,
  'The account is closed (SUSPENDED).',
  { organizationId: F.organizationId, accountId: F.accountId, closedAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, accountId: MEMBER, closedAt: EXAMPLE_AT },
);
const departed = publicEventType(
  'organizations.account.departed',
  1,
  'The account left the organization: removed by the management account (REMOVED) or on its own (LEFT).',
  { organizationId: F.organizationId, accountId: F.accountId, departureMethod: F.kind, departedAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, accountId: MEMBER, departureMethod: 'REMOVED', departedAt: EXAMPLE_AT },
);

type Closure = { organizationId: string; accountId: string; requestedAt: string };
type Closed = { organizationId: string; accountId: string; closedAt: string };
const aboutAccount = <D extends { organizationId: string; accountId: string }>(d: D, data: Record<string, unknown> = d) => [
  { organizationId: d.organizationId, accountIds: [d.accountId], data },
];

export const accountPublicEvents: PublicEventCatalogue = {
  types: [created, moved, closing, closed, departed],
  mappings: [
    mapPublic<MemberAccountCreatedData>('MemberAccountCreated', created, (d) => aboutAccount(d, { ...d, createdAt: d.joinedAt })),
    mapPublic<AccountMovedData>('AccountMoved', moved, (d) => aboutAccount(d)),
    mapPublic<Closure>('CloseAccountRequested', closing, (d) => aboutAccount(d)),
    mapPublic<Closed>('AccountClosed', closed, (d) => aboutAccount(d)),
    mapPublic<AccountDepartedOrganizationData>('AccountDepartedOrganization', departed, (d) => aboutAccount(d)),
  ],
};

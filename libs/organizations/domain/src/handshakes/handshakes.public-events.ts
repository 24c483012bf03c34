import { mapPublic, publicEventType, type PublicEventCatalogue } from '@orgs/shared/kernel';
import { EXAMPLE_AT, EXAMPLE_ORGANIZATION, EXAMPLE_ROOT, F } from '../public-event-fields';
import type { JoinedAccount } from './handshake-events';

const joined = publicEventType(
  'organizations.account.joined',
  1,
  'An invited account accepted its invitation and joined the organization.',
  { organizationId: F.organizationId, accountId: F.accountId, arn: F.arn, name: F.name, parentId: F.parentId, joinedAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, accountId: '777788889999', arn: `arn:aws:organizations::111122223333:account/${EXAMPLE_ORGANIZATION}/777788889999`, name: 'legacy', parentId: EXAMPLE_ROOT, joinedAt: EXAMPLE_AT },
);

type Joined = { organizationId: string; account: JoinedAccount };

export const handshakePublicEvents: PublicEventCatalogue = {
  types: [joined],
  mappings: [
    mapPublic<Joined>('InvitedAccountJoined', joined, (d) => [
      { organizationId: d.organizationId, accountIds: [d.account.id], data: { ...d.account, organizationId: d.organizationId, accountId: d.account.id } },
    ]),
  ],
};

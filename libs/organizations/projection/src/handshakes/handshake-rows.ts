import type { HandshakeEvent, HandshakeEventOf, HandshakeResource } from '@orgs/organizations/domain';
import type { ReadModelTransaction } from '@orgs/shared/read-models';

type DataOf<T extends HandshakeEvent['type']> = HandshakeEventOf<T>['data'];

/** Stored as AWS returns them; the target columns let an invitee find what it was sent, by id or by email. */
export async function handshakeCreated(tx: ReadModelTransaction, tenantId: string, data: DataOf<'HandshakeCreated'>): Promise<void> {
  const { handshake } = data;
  const row = {
    tenantId,
    organizationId: data.organizationId,
    arn: handshake.arn,
    action: handshake.action,
    state: handshake.state,
    requestedAt: handshake.requestedAt,
    expiresAt: handshake.expiresAt,
    parties: handshake.parties as object[],
    resources: handshake.resources as object[],
    targetAccountId: handshake.target.type === 'ACCOUNT' ? handshake.target.id : null,
    targetEmail: handshake.target.type === 'EMAIL' ? handshake.target.id.toLowerCase() : null,
    parentHandshakeId: handshake.parentHandshakeId ?? null,
    updatedAt: handshake.requestedAt,
  };
  await tx.handshake.upsert({ where: { id: handshake.id }, create: { id: handshake.id, ...row }, update: row });
}

/**
 * The standalone account's row (written by the tenants projection) becomes a member's. An
 * invitation by email now also names the account that accepted it, as AWS's examples show.
 */
export async function invitedAccountJoined(tx: ReadModelTransaction, tenantId: string, data: DataOf<'InvitedAccountJoined'>): Promise<void> {
  const { account, tags, handshakeId } = data;
  await tx.account.updateMany({
    where: { tenantId, id: account.id },
    data: {
      organizationId: data.organizationId,
      parentId: account.parentId,
      arn: account.arn,
      path: account.path,
      joinedMethod: account.joinedMethod,
      joinedTimestamp: account.joinedAt,
    },
  });
  for (const [key, value] of Object.entries(tags)) {
    await tx.resourceTag.upsert({
      where: { tenantId_resourceId_key: { tenantId, resourceId: account.id, key } },
      create: { tenantId, resourceId: account.id, key, value },
      update: { value },
    });
  }
  const handshake = await tx.handshake.findFirst({ where: { tenantId, id: handshakeId } });
  if (!handshake || handshake.targetAccountId) return;
  const resources = handshake.resources as unknown as HandshakeResource[];
  const withAccount: HandshakeResource[] = [...resources, { type: 'ACCOUNT', value: account.id }];
  await tx.handshake.updateMany({ where: { tenantId, id: handshakeId }, data: { targetAccountId: account.id, resources: withAccount as object[] } });
}

/** The organization-lifecycle read model follows the move to all features. */
export async function allFeaturesEnabled(tx: ReadModelTransaction, tenantId: string, data: DataOf<'AllFeaturesEnabled'>): Promise<void> {
  await tx.organization.updateMany({ where: { tenantId, id: data.organizationId }, data: { featureSet: data.featureSet } });
  await tx.root.updateMany({ where: { tenantId, id: data.rootId }, data: { policyTypes: data.rootPolicyTypes as object[] } });
}

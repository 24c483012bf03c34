import { json, sql, type SqlText } from '@orgs/shared/projector';
import type { HandshakeEvent, HandshakeEventOf } from '@orgs/organizations/domain';
import { upsertTags } from '../tags/tags.projection';

type DataOf<T extends HandshakeEvent['type']> = HandshakeEventOf<T>['data'];

/** Stored as AWS returns them; the target columns let an invitee find what it was sent, by id or by email. */
export function handshakeCreated(tenantId: string, data: DataOf<'HandshakeCreated'>): SqlText {
  const { handshake, organizationId } = data;
  const targetAccountId = handshake.target.type === 'ACCOUNT' ? handshake.target.id : null;
  const targetEmail = handshake.target.type === 'EMAIL' ? handshake.target.id.toLowerCase() : null;
  return sql`INSERT INTO handshakes (id, tenant_id, organization_id, arn, action, state, requested_at, expires_at, parties, resources,
      target_account_id, target_email, parent_handshake_id, updated_at)
    VALUES (${handshake.id}, ${tenantId}, ${organizationId}, ${handshake.arn}, ${handshake.action}, ${handshake.state},
      ${handshake.requestedAt}, ${handshake.expiresAt}, ${json(handshake.parties)}, ${json(handshake.resources)},
      ${targetAccountId}, ${targetEmail}, ${handshake.parentHandshakeId ?? null}, ${handshake.requestedAt})
    ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, organization_id = EXCLUDED.organization_id, arn = EXCLUDED.arn,
      action = EXCLUDED.action, state = EXCLUDED.state, requested_at = EXCLUDED.requested_at, expires_at = EXCLUDED.expires_at,
      parties = EXCLUDED.parties, resources = EXCLUDED.resources, target_account_id = EXCLUDED.target_account_id,
      target_email = EXCLUDED.target_email, parent_handshake_id = EXCLUDED.parent_handshake_id, updated_at = EXCLUDED.updated_at`;
}

/**
 * The standalone account's row (written by the tenants projection) becomes a member's. An
 * invitation by email now also names the account that accepted it, as AWS's examples show.
 */
export function invitedAccountJoined(tenantId: string, data: DataOf<'InvitedAccountJoined'>): SqlText[] {
  const { account, tags, handshakeId, organizationId } = data;
  const membership = sql`UPDATE accounts SET organization_id = ${organizationId}, parent_id = ${account.parentId}, arn = ${account.arn},
      path = ${account.path}, joined_method = ${account.joinedMethod}, joined_timestamp = ${account.joinedAt}
    WHERE tenant_id = ${tenantId} AND id = ${account.id}`;
  const acceptedBy = sql`UPDATE handshakes
       SET target_account_id = ${account.id}, resources = resources || ${json([{ type: 'ACCOUNT', value: account.id }])}
     WHERE tenant_id = ${tenantId} AND id = ${handshakeId} AND target_account_id IS NULL`;
  const tagged = upsertTags(tenantId, account.id, Object.entries(tags).map(([key, value]) => ({ key, value })));
  return [membership, ...(tagged ? [tagged] : []), acceptedBy];
}

/** The organization-lifecycle read model follows the move to all features. */
export function allFeaturesEnabled(tenantId: string, data: DataOf<'AllFeaturesEnabled'>): SqlText[] {
  return [
    sql`UPDATE organizations SET feature_set = ${data.featureSet} WHERE tenant_id = ${tenantId} AND id = ${data.organizationId}`,
    sql`UPDATE roots SET policy_types = ${json(data.rootPolicyTypes)} WHERE tenant_id = ${tenantId} AND id = ${data.rootId}`,
  ];
}

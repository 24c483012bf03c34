import { assertUnreachable } from '@orgs/shared/kernel';
import { join, list, sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import type { Tag, TagEvent } from '@orgs/organizations/domain';

/** One row per (resource, key): roots, OUs and accounts (policies later) share the table. */
export const tagHandlers: ProjectionHandlers = {
  tables: ['resource_tags'],
  eventTypes: new Set<TagEvent['type']>(['ResourceTagged', 'ResourceUntagged']),
  write: (batch, recorded) => batch.add(tagStatement(recorded.tenantId, recorded as unknown as TagEvent)),
};

function tagStatement(tenantId: string, event: TagEvent): SqlText | null {
  switch (event.type) {
    case 'ResourceTagged':
      return upsertTags(tenantId, event.data.resourceId, event.data.tags);
    case 'ResourceUntagged': {
      const { resourceId, tagKeys } = event.data;
      return sql`DELETE FROM resource_tags WHERE tenant_id = ${tenantId} AND resource_id = ${resourceId} AND key IN (${list(tagKeys)})`;
    }
    default:
      return assertUnreachable(event);
  }
}

/** A resource's tags set in one statement (a key tagged again takes the new value). */
export function upsertTags(tenantId: string, resourceId: string, tags: readonly Tag[]): SqlText | null {
  if (tags.length === 0) return null;
  const rows = join(tags.map(({ key, value }) => sql`(${tenantId}::uuid, ${resourceId}, ${key}, ${value})`));
  return sql`INSERT INTO resource_tags (tenant_id, resource_id, key, value) VALUES ${rows}
    ON CONFLICT (tenant_id, resource_id, key) DO UPDATE SET value = EXCLUDED.value`;
}

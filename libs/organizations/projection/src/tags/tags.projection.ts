import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { TagEvent } from '@orgs/organizations/domain';

/** One row per (resource, key): roots, OUs and accounts (policies later) share the table. */
export const tagHandlers: ProjectionHandlers = {
  eventTypes: new Set<TagEvent['type']>(['ResourceTagged', 'ResourceUntagged']),
  apply: (tx, recorded) => applyTagEvent(tx, recorded.tenantId, recorded as unknown as TagEvent),
};

async function applyTagEvent(tx: ReadModelTransaction, tenantId: string, event: TagEvent): Promise<void> {
  switch (event.type) {
    case 'ResourceTagged': {
      const { resourceId, tags } = event.data;
      for (const { key, value } of tags) {
        await tx.resourceTag.upsert({
          where: { tenantId_resourceId_key: { tenantId, resourceId, key } },
          create: { tenantId, resourceId, key, value },
          update: { value },
        });
      }
      return;
    }
    case 'ResourceUntagged': {
      const { resourceId, tagKeys } = event.data;
      await tx.resourceTag.deleteMany({ where: { tenantId, resourceId, key: { in: tagKeys } } });
      return;
    }
    default:
      assertUnreachable(event);
  }
}

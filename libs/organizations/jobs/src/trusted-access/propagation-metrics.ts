import { Counter, Gauge, Histogram, register, type Registry } from 'prom-client';
import type { Pool } from 'pg';
import type { OrganizationEvent } from '@orgs/organizations/domain';

/** Account roles the propagation has decided, by outcome. */
export const propagatedRoles = new Counter({
  name: 'orgs_service_linked_roles_propagated_total',
  help: 'Service-linked roles created, failed or deleted in accounts by the propagation (this worker process)',
  labelNames: ['outcome'],
});

export const propagationChunkSeconds = new Histogram({
  name: 'orgs_service_linked_role_chunk_seconds',
  help: 'Seconds to decide and append one chunk of the service-linked role propagation',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/** Counts a chunk's outcomes from the events it appended. */
export function countChunk(events: OrganizationEvent[]): void {
  for (const event of events) {
    if (event.type === 'ServiceLinkedRolesCreated') propagatedRoles.inc({ outcome: 'created' }, event.data.accountIds.length);
    if (event.type === 'ServiceLinkedRolesFailed') propagatedRoles.inc({ outcome: 'failed' }, event.data.failures.length);
    if (event.type === 'ServiceLinkedRolesDeleted') propagatedRoles.inc({ outcome: 'deleted' }, event.data.accountIds.length);
  }
}

/**
 * Service-linked roles in the read model by status, across the installation, read on each scrape:
 * PENDING going to 0 is the propagation's progress as an operator sees it. Call once per process.
 */
export function registerServiceLinkedRoleMetrics(pool: Pool, registry: Registry = register): void {
  new Gauge({
    name: 'orgs_service_linked_roles',
    help: 'Service-linked roles in the IAM roles read model, by status (PENDING: still to be created)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { rows } = await pool.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM iam_roles WHERE kind = 'SERVICE_LINKED_ROLE' GROUP BY status`,
      );
      this.reset();
      for (const status of ['PENDING', 'CREATED', 'FAILED', 'DELETED']) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
    },
  });
}

/**
 * A log of many tenants with organizations, OUs, tags and member accounts, written through the
 * domain (and the bulk member-account seed), for the fault tests of the worker: kill it, run it
 * twice over, then compare its read models with a fresh replay of the same log.
 */
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { createPool, EventStore, PROJECTOR_APPLICATION_NAME, SnapshotStore } from '@orgs/shared/event-store';
import { newOrganizationalUnitId, newOrganizationId, newRootId } from '@orgs/shared/kernel';
import { Projector, type Projection } from '@orgs/shared/projector';
import { createPrismaClient } from '@orgs/shared/read-models';
import { DEFAULT_QUOTAS, organizationDecider, organizationStreamId, type OrganizationCommand } from '@orgs/organizations/domain';
import { appendMemberAccounts } from './member-accounts';

export interface LogShape {
  tenants: number;
  organizationalUnitsPerTenant: number;
  membersPerTenant: number;
  /** Member accounts per append (one transaction). */
  membersPerAppend?: number;
  /** Tenants written at once. */
  concurrency?: number;
}

type WithoutActor<C> = C extends unknown ? Omit<C, 'actingAccountId' | 'at'> : never;

/** Appends the shape's tenants; each is a tenant stream and an organization stream. */
export async function appendMixedLog(pool: Pool, shape: LogShape): Promise<void> {
  const events = new EventStore(pool);
  const commands = new CommandHandler(events, new SnapshotStore(pool));
  const concurrency = shape.concurrency ?? 8;
  let next = 0;
  const one = async (): Promise<void> => {
    for (let i = next++; i < shape.tenants; i = next++) await appendTenant(pool, events, commands, shape, i);
  };
  await Promise.all(Array.from({ length: concurrency }, one));
}

async function appendTenant(pool: Pool, events: EventStore, commands: CommandHandler, shape: LogShape, index: number): Promise<void> {
  const tenantId = crypto.randomUUID();
  const mgmt = String(200000000000 + Math.floor(Math.random() * 799999999999));
  const at = new Date().toISOString();
  await events.append({
    tenantId,
    streamId: 'tenant',
    expectedVersion: 'no_stream',
    events: [
      { type: 'TenantCreated', data: { tenantId, name: `Fault tenant ${index}`, createdAt: at } },
      { type: 'AccountCreated', data: { accountId: mgmt, name: 'Management', email: `mgmt-${mgmt}@fault.example.com`, createdAt: at } },
      { type: 'ApiKeyIssued', data: { apiKeyId: `key-${tenantId}`, accountId: mgmt, role: 'ADMIN', keyHash: `hash-${tenantId}`, issuedAt: at } },
    ],
  });
  const organizationId = newOrganizationId();
  const rootId = newRootId();
  const streamId = organizationStreamId(organizationId);
  const run = (command: WithoutActor<OrganizationCommand>) =>
    commands.handle({
      tenantId,
      streamId,
      decider: organizationDecider,
      command: { ...command, actingAccountId: mgmt, at: new Date().toISOString() } as OrganizationCommand,
      metadata: { actingAccountId: mgmt },
    });
  await run({
    type: 'CreateOrganization',
    data: { organizationId, rootId, featureSet: 'ALL', managementAccountName: 'Management', managementAccountEmail: `mgmt-${mgmt}@fault.example.com` },
  });
  const ous: string[] = [];
  for (let n = 0; n < shape.organizationalUnitsPerTenant; n++) {
    const parentId = n > 0 && n % 3 === 0 ? ous[n - 1] : rootId;
    const organizationalUnitId = newOrganizationalUnitId(rootId);
    await run({ type: 'CreateOrganizationalUnit', data: { organizationalUnitId, parentId, name: `OU ${n}`, tags: [{ key: 'n', value: String(n) }], quotas: DEFAULT_QUOTAS } });
    ous.push(organizationalUnitId);
  }
  await run({ type: 'TagResource', data: { resourceId: rootId, tags: [{ key: 'tenant', value: String(index) }] } });
  await appendMemberAccounts(pool, { tenantId, organizationId, managementAccountId: mgmt, rootId }, shape.membersPerTenant, shape.membersPerAppend ?? 250);
}

/** Columns a projection fills with the time it ran, not from the event: left out of comparisons. */
const PROJECTION_TIME_COLUMNS = ['projected_at'];

/** Every row of the tables, each as JSON text, sorted: equal snapshots mean equal read models. */
export async function tableSnapshot(pool: Pool, tables: readonly string[]): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of [...tables].sort()) {
    const { rows } = await pool.query(`SELECT (to_jsonb(t) - $1::text[])::text AS row FROM "${table}" t`, [PROJECTION_TIME_COLUMNS]);
    snapshot[table] = rows.map((r) => r.row as string).sort();
  }
  return snapshot;
}

/** Every table the projections write. */
export const projectionTables = (projections: readonly Projection[]) => [...new Set(projections.flatMap((p) => p.tables))];

/** A migrated database without rows, dropped after use (the tests' createTestDatabase). */
export type EmptyDatabase = () => Promise<{ url: string; drop(): Promise<void> }>;

/** The log copied as it is into an empty database, every projection run over it in one go: its snapshot. */
export async function freshReplay(source: Pool, projections: readonly Projection[], emptyDatabase: EmptyDatabase): Promise<Record<string, string[]>> {
  const fresh = await emptyDatabase();
  const pool = createPool(fresh.url, { max: 4 });
  const prisma = createPrismaClient(fresh.url, { max: 2, applicationName: PROJECTOR_APPLICATION_NAME });
  try {
    await copyLog(source, pool);
    const projector = new Projector(pool, new EventStore(pool), prisma);
    for (const projection of projections) while ((await projector.runBatch(projection, 5_000)).applied > 0);
    return await tableSnapshot(pool, projectionTables(projections));
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await fresh.drop();
  }
}

async function copyLog(source: Pool, target: Pool): Promise<void> {
  const page = 2_000;
  for (let after = '0'; ; ) {
    const { rows } = await source.query(
      `SELECT e.position::text AS pos, e.transaction_id::text AS tx, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at
         FROM events e WHERE e.position > $1::bigint ORDER BY e.position LIMIT $2`,
      [after, page],
    );
    if (rows.length === 0) return;
    const column = (name: string) => rows.map((r) => r[name]);
    await target.query(
      `INSERT INTO events (position, transaction_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at)
       SELECT p::bigint, tx::xid8, tenant::uuid, stream, version, type, schema, data, metadata, at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::timestamptz[])
           AS e(p, tx, tenant, stream, version, type, schema, data, metadata, at)`,
      [column('pos'), column('tx'), column('tenant_id'), column('stream_id'), column('stream_version'), column('event_type'), column('schema_version'), column('data'), column('metadata'), column('recorded_at')],
    );
    after = rows[rows.length - 1].pos;
  }
}

/** Events some projection has still to apply (the log is read in (transaction id, position) order). */
export async function unprojectedEvents(pool: Pool, projectionNames: readonly string[]): Promise<number> {
  const { rows } = await pool.query(
    `SELECT coalesce(max(n), 0)::int AS n FROM (
       SELECT (SELECT count(*) FROM events e
                WHERE (e.transaction_id::text::bigint, e.position) > (coalesce(c.last_transaction_id, 0), coalesce(c.last_position, 0))) AS n
         FROM unnest($1::text[]) AS p(name) LEFT JOIN projection_checkpoints c ON c.name = p.name) lag`,
    [projectionNames],
  );
  return rows[0].n;
}

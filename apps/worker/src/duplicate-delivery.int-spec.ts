import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { createPool, EventStore, PROJECTOR_APPLICATION_NAME, SnapshotStore } from '@orgs/shared/event-store';
import { newCreateAccountRequestId } from '@orgs/shared/kernel';
import { Projector } from '@orgs/shared/projector';
import type { ReactionContext } from '@orgs/shared/queue';
import { createPrismaClient, type PrismaClient } from '@orgs/shared/read-models';
import { createLogger } from '@orgs/shared/runtime';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { ACCOUNT_ID_NAMESPACE, DEFAULT_QUOTAS, organizationDecider, organizationStreamId, type OrganizationCommand } from '@orgs/organizations/domain';
import { accountCreationJobsFor, accountCreationReaction } from '@orgs/organizations/jobs';
import { projections } from './worker';

/**
 * The same account-creation job delivered several times at once (a redelivery racing the first
 * run, two workers taking it): one account per request, one completion, whatever the interleaving.
 */
const mgmt = '333344445555';
const tenantId = randomUUID();
const organizationId = 'o-dupdeliv01';
const streamId = organizationStreamId(organizationId);
const logger = createLogger('duplicate-delivery-test', 'silent');
let database: TestDatabase;
let pool: Pool;
let events: EventStore;
let prisma: PrismaClient;

/** Its own command handler (its own state cache), like another worker process. */
const worker = (): ReactionContext => ({ commands: new CommandHandler(events, new SnapshotStore(pool)), events, pool, logger });

type WithoutActor<C> = C extends unknown ? Omit<C, 'actingAccountId' | 'at'> : never;
const run = (command: WithoutActor<OrganizationCommand>) =>
  worker().commands.handle({
    tenantId,
    streamId,
    decider: organizationDecider,
    command: { ...command, actingAccountId: mgmt, at: new Date().toISOString() } as OrganizationCommand,
    metadata: { actingAccountId: mgmt },
  });

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 12 });
  events = new EventStore(pool);
  prisma = createPrismaClient(database.url, { max: 2, applicationName: PROJECTOR_APPLICATION_NAME });
  const at = new Date().toISOString();
  await events.append({
    tenantId,
    streamId: 'tenant',
    expectedVersion: 'no_stream',
    events: [
      { type: 'TenantCreated', data: { tenantId, name: 'Duplicates', createdAt: at } },
      { type: 'AccountCreated', data: { accountId: mgmt, name: 'Management', email: 'mgmt@dup.example.com', createdAt: at } },
    ],
  });
  await run({ type: 'CreateOrganization', data: { organizationId, rootId: 'r-dup1', featureSet: 'ALL', managementAccountName: 'Management', managementAccountEmail: 'mgmt@dup.example.com' } });
});
afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  await database.drop();
});

it('makes one account per request when each job is delivered four times at once', async () => {
  const requestIds = Array.from({ length: 5 }, () => newCreateAccountRequestId());
  for (const [i, requestId] of requestIds.entries()) {
    await run({ type: 'CreateAccount', data: { requestId, accountName: `Member ${i}`, email: `member-${i}@dup.example.com`, quotas: DEFAULT_QUOTAS } });
  }
  const requested = (await events.readStream(tenantId, streamId)).filter((e) => e.type === 'CreateAccountRequested');
  const jobs = requested.flatMap(accountCreationJobsFor);
  expect(jobs).toHaveLength(requestIds.length);

  // Every job four times, all at once, each delivery in a "worker" of its own.
  await Promise.all(jobs.flatMap((job) => Array.from({ length: 4 }, () => accountCreationReaction.run(job.data, worker()))));
  // And once more later, as a redelivery after the work was done: nothing more.
  await Promise.all(jobs.map((job) => accountCreationReaction.run(job.data, worker())));

  const stream = await events.readStream(tenantId, streamId);
  const completions = stream.filter((e) => e.type === 'CreateAccountSucceeded' || e.type === 'CreateAccountFailed');
  expect(completions.map((e) => e.type)).toEqual(requestIds.map(() => 'CreateAccountSucceeded'));
  expect(completions.map((e) => (e.data as { requestId: string }).requestId).sort()).toEqual([...requestIds].sort());
  const created = stream.filter((e) => e.type === 'MemberAccountCreated').map((e) => (e.data as { requestId: string; accountId: string }));
  expect(created.map((e) => e.requestId).sort()).toEqual([...requestIds].sort());
  expect(new Set(created.map((e) => e.accountId)).size).toBe(requestIds.length);

  const projector = new Projector(pool, events, prisma);
  while ((await projector.runBatch(projections[0], 1_000)).applied > 0);
  const { rows } = await pool.query(`SELECT id FROM accounts WHERE tenant_id = $1 AND id <> $2 ORDER BY id`, [tenantId, mgmt]);
  expect(rows.map((r) => r.id)).toEqual(created.map((e) => e.accountId).sort());
  // No id drawn by a losing delivery stayed claimed: the claims are exactly the accounts made.
  const claims = await pool.query(`SELECT value FROM unique_reservations WHERE tenant_id = $1 AND namespace = $2 ORDER BY value`, [tenantId, ACCOUNT_ID_NAMESPACE]);
  expect(claims.rows.map((r) => r.value)).toEqual(created.map((e) => e.accountId).sort());
}, 60_000);

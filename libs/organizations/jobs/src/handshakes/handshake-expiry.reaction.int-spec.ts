import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { createPool, EventStore, SnapshotStore } from '@orgs/shared/event-store';
import type { ReactionContext } from '@orgs/shared/queue';
import { createLogger } from '@orgs/shared/runtime';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { DEFAULT_QUOTAS, organizationDecider, type OrganizationCommand } from '@orgs/organizations/domain';
import { expireHandshake, handshakeExpiryJobsFor, type HandshakeExpiryJob } from './handshake-expiry.reaction';

let database: TestDatabase;
let pool: Pool;
let context: ReactionContext;
const mgmt = '111122223333';

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 5 });
  const events = new EventStore(pool);
  context = { commands: new CommandHandler(events, new SnapshotStore(pool)), events, pool, logger: createLogger('handshake-expiry-test') };
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

type WithoutActor<C> = C extends unknown ? Omit<C, 'actingAccountId' | 'at'> : never;

/** An organization with one invitation that lives `lifetimeSeconds`; returns the expiry job its event schedules. */
async function invitationExpiring(lifetimeSeconds: number): Promise<{ job: HandshakeExpiryJob; tenantId: string; streamId: string }> {
  const tenantId = randomUUID();
  const streamId = `organization-o-${randomUUID().slice(0, 10)}`;
  const run = (command: WithoutActor<OrganizationCommand>) =>
    context.commands.handle({ tenantId, streamId, decider: organizationDecider, command: { ...command, actingAccountId: mgmt, at: new Date().toISOString() } as OrganizationCommand, metadata: { actingAccountId: mgmt } });
  await run({ type: 'CreateOrganization', data: { organizationId: streamId.slice('organization-'.length), rootId: 'r-k3x9', featureSet: 'ALL', managementAccountName: 'M', managementAccountEmail: 'm@example.com' } });
  const lifetimes = { invitationSeconds: lifetimeSeconds, enableAllFeaturesSeconds: lifetimeSeconds };
  const target = { id: `${randomUUID()}@example.com`, type: 'EMAIL' as const };
  await run({ type: 'InviteAccountToOrganization', data: { handshakeId: `h-${randomUUID().replace(/-/g, '')}`, target, tags: [], targetAccount: null, quotas: DEFAULT_QUOTAS, lifetimes } });
  const created = (await context.events.readStream(tenantId, streamId)).find((e) => e.type === 'HandshakeCreated');
  const [job] = handshakeExpiryJobsFor(created!);
  return { job: job.data, tenantId, streamId };
}

/** The handshake's events in the organization's stream (creating it also attaches the managed SCP). */
const typesIn = async (tenantId: string, streamId: string) =>
  (await context.events.readStream(tenantId, streamId)).map((e) => e.type).filter((type) => type !== 'PolicyAttached');

it('expires the invitation once it is due, and a second delivery changes nothing', async () => {
  const { job, tenantId, streamId } = await invitationExpiring(1);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await expireHandshake(context, job);
  await expireHandshake(context, job);
  expect(await typesIn(tenantId, streamId)).toEqual(['OrganizationCreated', 'HandshakeCreated', 'HandshakeExpired']);
});

it('fails a job that fires before the expiration time, so that BullMQ retries it later', async () => {
  const { job, tenantId, streamId } = await invitationExpiring(3_600);
  await expect(expireHandshake(context, job)).rejects.toThrow(/not due/);
  expect(await typesIn(tenantId, streamId)).toEqual(['OrganizationCreated', 'HandshakeCreated']);
});

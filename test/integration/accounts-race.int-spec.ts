import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { createPool, EventStore, PROJECTOR_APPLICATION_NAME, SnapshotStore } from '@orgs/shared/event-store';
import { newOrganizationalUnitId, OrgsError } from '@orgs/shared/kernel';
import { composeProjection, Projector, READ_MODELS_PROJECTION } from '@orgs/shared/projector';
import { createPrismaClient, type PrismaClient } from '@orgs/shared/read-models';
import { createLogger } from '@orgs/shared/runtime';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import {
  ACCOUNT_EMAIL_NAMESPACE,
  ACCOUNT_ID_NAMESPACE,
  DEFAULT_QUOTAS,
  accountReleases,
  MEMBERSHIP_NAMESPACE,
  organizationDecider,
  organizationStreamId,
  type OrganizationCommand,
  type OrganizationEvent,
} from '@orgs/organizations/domain';
import { accountClosureJobsFor, accountCreationJobsFor, completeAccountClosure, completeAccountCreation } from '@orgs/organizations/jobs';
import { organizationHandlers } from '@orgs/organizations/projection';
import * as tenants from '@orgs/tenants/domain';
import { tenantsHandlers } from '@orgs/tenants/projection';

/**
 * Accounts against real PostgreSQL: the creation job (claims, idempotency, a taken email) and 32
 * concurrent MoveAccount of one account, decided by four command handlers as four API processes would.
 */
const MOVES = 32;
const tenantId = randomUUID();
const management = '210000000001';
const organizationId = 'o-race000001';
const rootId = 'r-race';
const streamId = organizationStreamId(organizationId);

let database: TestDatabase;
let pool: Pool;
let prisma: PrismaClient;
let store: EventStore;
let handlers: CommandHandler[];
let ous: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 20 });
  prisma = createPrismaClient(database.url, { max: 2, applicationName: PROJECTOR_APPLICATION_NAME });
  store = new EventStore(pool);
  handlers = Array.from({ length: 4 }, () => new CommandHandler(store, new SnapshotStore(pool)));
  await seedTenantAndOrganization();
  ous = [];
  for (const name of ['Dev', 'Test', 'Prod']) {
    const id = newOrganizationalUnitId(rootId);
    await decide({ type: 'CreateOrganizationalUnit', data: { organizationalUnitId: id, parentId: rootId, name, quotas: DEFAULT_QUOTAS } });
    ous.push(id);
  }
}, 60_000);

afterAll(async () => {
  await prisma.$disconnect();
  await pool.end();
  await database.drop();
});

const command = (input: Omit<OrganizationCommand, 'actingAccountId' | 'at'>) =>
  ({ ...input, actingAccountId: management, at: new Date().toISOString() }) as OrganizationCommand;

function decide(input: Omit<OrganizationCommand, 'actingAccountId' | 'at'>, handler = handlers[0], extra: object = {}) {
  return handler.handle({ tenantId, streamId, decider: organizationDecider, command: () => command(input), metadata: { actingAccountId: management }, ...extra });
}

/** The tenant's first account (as createTenant records it), then its organization. */
async function seedTenantAndOrganization(): Promise<void> {
  const at = new Date().toISOString();
  await store.append({
    tenantId,
    streamId: tenants.TENANT_STREAM,
    expectedVersion: 'no_stream',
    events: [
      { type: 'TenantCreated', data: { tenantId, name: 'Race', createdAt: at } },
      { type: 'AccountCreated', data: { accountId: management, name: 'Management', email: 'mgmt@race.example.com', createdAt: at } },
    ],
    reservations: [
      { namespace: tenants.ACCOUNT_ID_NAMESPACE, value: management },
      { namespace: tenants.ACCOUNT_EMAIL_NAMESPACE, value: 'mgmt@race.example.com' },
    ],
  });
  const data = { organizationId, rootId, featureSet: 'ALL' as const, managementAccountName: 'Management', managementAccountEmail: 'mgmt@race.example.com' };
  await decide({ type: 'CreateOrganization', data }, handlers[0], { reservations: () => [{ namespace: MEMBERSHIP_NAMESPACE, value: management }] });
}

const context = () => ({ commands: handlers[1], events: store, pool, logger: createLogger('accounts-race', 'silent') });

/** Records a CreateAccount request and runs its job as the worker would, returning the job. */
async function createAccountThroughJob(email: string) {
  const requestId = `car-${randomUUID().replace(/-/g, '')}`;
  await decide({ type: 'CreateAccount', data: { requestId, email, accountName: 'Member', quotas: DEFAULT_QUOTAS } });
  const requested = (await store.readStream(tenantId, streamId)).find((e) => e.type === 'CreateAccountRequested' && (e.data as { requestId: string }).requestId === requestId);
  const [job] = accountCreationJobsFor(requested!);
  await completeAccountCreation(context(), job.data);
  return { requestId, job: job.data };
}

async function currentState() {
  const events = await store.readStream(tenantId, streamId);
  return events.reduce((state, e) => organizationDecider.evolve(state, { type: e.type, data: e.data } as OrganizationEvent), organizationDecider.initialState());
}

async function project(): Promise<void> {
  const projection = composeProjection(READ_MODELS_PROJECTION, [tenantsHandlers, ...organizationHandlers]);
  const projector = new Projector(pool, store, prisma);
  while ((await projector.runBatch(projection, 200)).applied > 0);
}

describe('the account-creation job', () => {
  let accountId: string;

  it('creates the account under the root and claims its id, email and membership', async () => {
    const { requestId } = await createAccountThroughJob('member@race.example.com');
    const state = await currentState();
    expect(state.createAccountRequests[requestId]).toMatchObject({ state: 'SUCCEEDED' });
    accountId = state.createAccountRequests[requestId].accountId as string;
    expect(state.accounts[accountId]).toMatchObject({ parentId: rootId, joinedMethod: 'CREATED', state: 'ACTIVE' });
    for (const [namespace, value] of [[ACCOUNT_ID_NAMESPACE, accountId], [ACCOUNT_EMAIL_NAMESPACE, 'member@race.example.com'], [MEMBERSHIP_NAMESPACE, accountId]]) {
      expect(await store.findReservationHolder(tenantId, { namespace, value })).toBe(streamId);
    }
  });

  it('changes nothing when the job is delivered again', async () => {
    const before = (await store.readStream(tenantId, streamId)).length;
    const requestId = Object.values((await currentState()).createAccountRequests).find((r) => r.accountId === accountId)!.id;
    const [job] = accountCreationJobsFor((await store.readStream(tenantId, streamId)).find((e) => (e.data as { requestId?: string }).requestId === requestId)!);
    await completeAccountCreation(context(), job.data);
    expect((await store.readStream(tenantId, streamId)).length).toBe(before);
  });

  it('ends a request for an email already in use FAILED with EMAIL_ALREADY_EXISTS, emails compared case-blind', async () => {
    const { requestId } = await createAccountThroughJob('Member@Race.Example.com');
    expect((await currentState()).createAccountRequests[requestId]).toMatchObject({ state: 'FAILED', failureReason: 'EMAIL_ALREADY_EXISTS' });
  });

  it('ends a request for the tenant\'s standalone account\'s email FAILED too', async () => {
    const { requestId } = await createAccountThroughJob('mgmt@race.example.com');
    expect((await currentState()).createAccountRequests[requestId]).toMatchObject({ state: 'FAILED', failureReason: 'EMAIL_ALREADY_EXISTS' });
  });
});

describe(`${MOVES} concurrent MoveAccount of one account`, () => {
  it('lets the successful moves form a chain, refuses the others, and the read model agrees', async () => {
    const state = await currentState();
    const accountId = Object.keys(state.accounts).find((id) => id !== management)!;
    const parents = [rootId, ...ous];
    const moves = Array.from({ length: MOVES }, (_, i) => {
      const source = parents[i % parents.length];
      const destination = parents[(i + 1 + Math.floor(i / parents.length)) % parents.length];
      return { source, destination: destination === source ? parents[(i + 2) % parents.length] : destination };
    });

    const outcomes = await Promise.all(
      moves.map(async ({ source, destination }, i) => {
        try {
          const data = { accountId, sourceParentId: source, destinationParentId: destination };
          const result = await decide({ type: 'MoveAccount', data }, handlers[i % handlers.length]);
          return { ok: true as const, source, destination, version: result.version };
        } catch (error) {
          return { ok: false as const, code: (error as OrgsError).code };
        }
      }),
    );

    const succeeded = outcomes.filter((o) => o.ok).sort((a, b) => a.version - b.version);
    const refused = outcomes.filter((o) => !o.ok);
    expect(succeeded.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0); // they really did collide
    expect(succeeded.length + refused.length).toBe(MOVES);
    expect(new Set(refused.map((o) => o.code))).toEqual(new Set(refused.length > 0 ? ['SourceParentNotFoundException'] : []));
    // Each successful move starts where the previous one ended, beginning at the root.
    succeeded.forEach((move, i) => expect(move.source).toBe(i === 0 ? rootId : succeeded[i - 1].destination));
    const finalParent = succeeded[succeeded.length - 1].destination;

    const events = await store.readStream(tenantId, streamId);
    const moved = events.filter((e) => e.type === 'AccountMoved').map((e) => e.data as { sourceParentId: string; destinationParentId: string });
    expect(moved).toEqual(succeeded.map((m) => expect.objectContaining({ sourceParentId: m.source, destinationParentId: m.destination })));
    expect((await currentState()).accounts[accountId].parentId).toBe(finalParent);

    await project();
    const rows = await prisma.account.findMany({ where: { tenantId, id: accountId } });
    expect(rows).toHaveLength(1);
    const path = finalParent === rootId ? `${organizationId}/${rootId}/${accountId}/` : `${organizationId}/${rootId}/${finalParent}/${accountId}/`;
    expect(rows[0]).toMatchObject({ organizationId, parentId: finalParent, path });
    const underEachParent = await Promise.all(parents.map((parentId) => prisma.account.count({ where: { tenantId, id: accountId, parentId } })));
    expect(underEachParent.reduce((a, b) => a + b, 0)).toBe(1);
  }, 60_000);
});

describe('leaving and closing', () => {
  it('makes a removed account standalone again: membership released, row kept without its organization', async () => {
    const accountId = Object.keys((await currentState()).accounts).find((id) => id !== management)!;
    await decide({ type: 'RemoveAccountFromOrganization', data: { accountId, waitPeriodMs: 0 } }, handlers[0], { releases: accountReleases });
    expect(await store.findReservationHolder(tenantId, { namespace: MEMBERSHIP_NAMESPACE, value: accountId })).toBeNull();
    expect(await store.findReservationHolder(tenantId, { namespace: ACCOUNT_ID_NAMESPACE, value: accountId })).toBe(streamId);
    await project();
    expect(await prisma.account.findFirst({ where: { tenantId, id: accountId } })).toMatchObject({
      name: 'Member',
      email: 'member@race.example.com',
      organizationId: null,
      parentId: null,
      path: null,
      joinedMethod: null,
    });
  });

  it('suspends a closed account when its delayed job runs, once', async () => {
    const { requestId } = await createAccountThroughJob('closing@race.example.com');
    const accountId = (await currentState()).createAccountRequests[requestId].accountId as string;
    await decide({ type: 'CloseAccount', data: { accountId } }, new CommandHandler(store, new SnapshotStore(pool)));
    const requested = (await store.readStream(tenantId, streamId)).find((e) => e.type === 'CloseAccountRequested')!;
    const [job] = accountClosureJobsFor(requested, 5_000);
    expect(job.runAt!.getTime() - Date.parse((requested.data as { requestedAt: string }).requestedAt)).toBe(5_000);
    await project();
    expect(await prisma.account.findFirst({ where: { tenantId, id: accountId } })).toMatchObject({ state: 'PENDING_CLOSURE', status: 'PENDING_CLOSURE' });

    await completeAccountClosure(context(), job.data);
    const version = (await store.readStream(tenantId, streamId)).length;
    await completeAccountClosure(context(), job.data);
    expect((await store.readStream(tenantId, streamId)).length).toBe(version);
    await project();
    expect(await prisma.account.findFirst({ where: { tenantId, id: accountId } })).toMatchObject({ state: 'SUSPENDED', status: 'SUSPENDED' });
  });
});

describe('a command handler that has cached the stream (the API process) after the worker appended to it', () => {
  const apiHandler = () => {
    const api = new CommandHandler(store, new SnapshotStore(pool));
    return (input: Omit<OrganizationCommand, 'actingAccountId' | 'at'>) =>
      api.handle({ tenantId, streamId, decider: organizationDecider, command: () => command(input), metadata: { actingAccountId: management } });
  };

  async function requestThenComplete(decide: ReturnType<typeof apiHandler>, email: string, jobContext = context()): Promise<string> {
    const requestId = `car-${randomUUID().replace(/-/g, '')}`;
    await decide({ type: 'CreateAccount', data: { requestId, email, accountName: 'Stale', quotas: DEFAULT_QUOTAS } });
    const requested = (await store.readStream(tenantId, streamId)).find((e) => (e.data as { requestId?: string }).requestId === requestId)!;
    await completeAccountCreation(jobContext, accountCreationJobsFor(requested)[0].data);
    return (await currentState()).createAccountRequests[requestId].accountId as string;
  }

  it('decides on the newest state: an account the job just created can be closed at once', async () => {
    const decide = apiHandler();
    const accountId = await requestThenComplete(decide, 'stale@race.example.com');
    const result = await decide({ type: 'CloseAccount', data: { accountId } });
    expect(result.events.map((e) => e.type)).toEqual(['CloseAccountRequested']);
  });

  // A stale cache that decides nothing (the request is not in it) is no refusal, so the handler's
  // re-check does not catch it: the job must not start from the worker's cached state.
  it('runs the creation job on the newest state even when the worker\'s shared handler has cached the stream', async () => {
    const worker = new CommandHandler(store, new SnapshotStore(pool));
    await worker.handle({ tenantId, streamId, decider: organizationDecider, command: () => command({ type: 'CompleteAccountClosure', data: { accountId: management } }) });
    const accountId = await requestThenComplete(apiHandler(), 'stale-job@race.example.com', { ...context(), commands: worker });
    expect(accountId).toMatch(/^\d{12}$/);
    expect((await currentState()).accounts[accountId]).toMatchObject({ state: 'ACTIVE', joinedMethod: 'CREATED' });
  });
});

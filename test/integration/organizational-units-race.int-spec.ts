import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { createPool, EventStore, SnapshotStore } from '@orgs/shared/event-store';
import { newOrganizationalUnitId, newRootId } from '@orgs/shared/kernel';
import {
  DEFAULT_QUOTAS,
  organizationalUnitIdClaims,
  organizationDecider,
  organizationStreamId,
  type OrganizationCommand,
  type OrganizationEvent,
} from '@orgs/organizations/domain';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';

/**
 * The organization's stream is the consistency boundary of its tree: writers racing on it through
 * the command handler (as several API processes would) must never both get a name, or an OU under
 * a parent that is being deleted. Against real PostgreSQL.
 */
let database: TestDatabase;
let pool: Pool;
let events: EventStore;
const mgmt = '111122223333';
const at = '2026-11-23T00:00:00.000Z';

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 20 });
  events = new EventStore(pool);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

/** Four handlers, each with its own state cache, stand for four API processes. */
const processes = () => Array.from({ length: 4 }, () => new CommandHandler(events, new SnapshotStore(pool)));

async function newOrganization(handler: CommandHandler) {
  const tenantId = randomUUID();
  const organizationId = `o-${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const rootId = newRootId();
  const streamId = organizationStreamId(organizationId);
  const run = (command: Omit<OrganizationCommand, 'actingAccountId' | 'at'> | (() => Omit<OrganizationCommand, 'actingAccountId' | 'at'>), via = handler) =>
    via.handle({
      tenantId,
      streamId,
      decider: organizationDecider,
      command: () => ({ ...(typeof command === 'function' ? command() : command), actingAccountId: mgmt, at }) as OrganizationCommand,
      reservations: organizationalUnitIdClaims,
    });
  await run({
    type: 'CreateOrganization',
    data: { organizationId, rootId, featureSet: 'ALL', managementAccountName: 'Management', managementAccountEmail: 'admin@example.com' },
  });
  const createOu = (parentId: string, name: string, via?: CommandHandler) =>
    run(() => ({ type: 'CreateOrganizationalUnit', data: { organizationalUnitId: newOrganizationalUnitId(rootId), parentId, name, quotas: DEFAULT_QUOTAS } }), via);
  const deleteOu = (organizationalUnitId: string, via?: CommandHandler) => run({ type: 'DeleteOrganizationalUnit', data: { organizationalUnitId } }, via);
  const recorded = async () => (await events.readStream(tenantId, streamId, 1)).map((e) => ({ type: e.type, data: e.data }) as OrganizationEvent);
  return { rootId, createOu, deleteOu, recorded };
}

const codeOf = (result: PromiseSettledResult<unknown>) => (result.status === 'rejected' ? (result.reason as { code?: string }).code : 'ok');

it('gives a name to exactly one of 32 concurrent CreateOrganizationalUnit, and a duplicate refusal to every other', async () => {
  const handlers = processes();
  const org = await newOrganization(handlers[0]);
  const results = await Promise.allSettled(Array.from({ length: 32 }, (_, i) => org.createOu(org.rootId, 'Shared', handlers[i % handlers.length])));

  const codes = results.map(codeOf);
  expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
  expect(codes.filter((c) => c === 'DuplicateOrganizationalUnitException')).toHaveLength(31);
  const created = (await org.recorded()).filter((e) => e.type === 'OrganizationalUnitCreated');
  expect(created).toHaveLength(1);
});

it('records exactly the creations it acknowledges when 32 different names race', async () => {
  const handlers = processes();
  const org = await newOrganization(handlers[0]);
  const names = Array.from({ length: 32 }, (_, i) => `OU ${i}`);
  const results = await Promise.allSettled(names.map((name, i) => org.createOu(org.rootId, name, handlers[i % handlers.length])));

  // A writer that keeps losing gets the retryable ConcurrentModificationException, never a wrong answer.
  expect(results.map(codeOf).filter((c) => c !== 'ok' && c !== 'ConcurrentModificationException')).toEqual([]);
  const acknowledged = names.filter((_, i) => results[i].status === 'fulfilled');
  const created = (await org.recorded()).filter((e) => e.type === 'OrganizationalUnitCreated');
  expect(created.map((e) => (e.data as { name: string }).name).sort()).toEqual(acknowledged.sort());
  expect(acknowledged.length).toBeGreaterThan(16);
});

// One process: the command handler returns a refusal decided on its cached state without re-reading
// the stream, so a second process whose cache lags would refuse for that reason alone.
it('never leaves an OU under a parent deleted at the same moment', async () => {
  const [handler] = processes();
  const org = await newOrganization(handler);
  for (let round = 0; round < 10; round++) {
    const parent = await org.createOu(org.rootId, `Parent ${round}`);
    const parentId = (parent.events[0].data as { organizationalUnitId: string }).organizationalUnitId;
    const [child, deletion] = await Promise.allSettled([org.createOu(parentId, 'Child'), org.deleteOu(parentId)]);
    // Exactly one wins: either the child exists and the delete was refused, or the parent is gone and the child was refused.
    expect([codeOf(child), codeOf(deletion)].sort()).toEqual(
      codeOf(child) === 'ok' ? ['OrganizationalUnitNotEmptyException', 'ok'] : ['ParentNotFoundException', 'ok'],
    );
  }
});

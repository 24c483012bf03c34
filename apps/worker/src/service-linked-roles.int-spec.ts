import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { createPool, EventStore, PROJECTOR_APPLICATION_NAME, SnapshotStore } from '@orgs/shared/event-store';
import { Projector } from '@orgs/shared/projector';
import type { ReactionContext } from '@orgs/shared/queue';
import { createPrismaClient, forTenant, type PrismaClient } from '@orgs/shared/read-models';
import { createLogger } from '@orgs/shared/runtime';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { DEFAULT_SERVICE_CATALOGUE, organizationDecider, organizationStreamId, type OrganizationCommand } from '@orgs/organizations/domain';
import { propagateServiceLinkedRoles, serviceLinkedRolesReaction } from '@orgs/organizations/jobs';
import { appendMemberAccounts } from '@orgs/organizations/testing';
import { projections } from './worker';

/**
 * The propagation against real Postgres: two jobs racing over one organization (as duplicate jobs
 * or two workers would) create every role exactly once, the read model follows, disabling deletes.
 */
const MEMBERS = 300;
const mgmt = '111122223333';
let database: TestDatabase;
let pool: Pool;
let events: EventStore;
let projector: Projector;
let prisma: PrismaClient;
let app: PrismaClient;
const tenantId = randomUUID();
const organizationId = 'o-slrtest001';
const streamId = organizationStreamId(organizationId);
const logger = createLogger('service-linked-roles-test', 'silent');
/** Separate handlers: separate state caches, like two worker processes. */
const worker = (): ReactionContext => ({ commands: new CommandHandler(events, new SnapshotStore(pool)), events, pool, logger });
const job = { tenantId, streamId, actingAccountId: mgmt, causedBy: '0' };

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 10 });
  events = new EventStore(pool);
  prisma = createPrismaClient(database.url, { max: 2, applicationName: PROJECTOR_APPLICATION_NAME });
  app = createPrismaClient(database.url, { max: 2, role: 'orgs_app' });
  projector = new Projector(pool, events, prisma);
  const at = new Date().toISOString();
  await events.append({
    tenantId,
    streamId: 'tenant',
    expectedVersion: 'no_stream',
    events: [
      { type: 'TenantCreated', data: { tenantId, name: 'SLR', createdAt: at } },
      { type: 'AccountCreated', data: { accountId: mgmt, name: 'Management', email: 'mgmt@slr.example.com', createdAt: at } },
    ],
  });
  await run(worker(), { type: 'CreateOrganization', data: { organizationId, rootId: 'r-slr1', featureSet: 'ALL', managementAccountName: 'Management', managementAccountEmail: 'mgmt@slr.example.com' } });
  await appendMemberAccounts(pool, { tenantId, organizationId, managementAccountId: mgmt, rootId: 'r-slr1' }, MEMBERS, 100);
}, 60_000);
afterAll(async () => {
  await prisma.$disconnect();
  await app.$disconnect();
  await pool.end();
  await database.drop();
});

type WithoutActor<C> = C extends unknown ? Omit<C, 'actingAccountId' | 'at'> : never;
function run(context: ReactionContext, command: WithoutActor<OrganizationCommand>) {
  const full = { ...command, actingAccountId: mgmt, at: new Date().toISOString() } as OrganizationCommand;
  return context.commands.handle({ tenantId, streamId, decider: organizationDecider, command: full, metadata: { actingAccountId: mgmt } });
}
const catalogue = DEFAULT_SERVICE_CATALOGUE;

async function project(): Promise<void> {
  while ((await projector.runBatch(projections[0], 1_000)).applied > 0);
}

/** Each account id named by the creation events of one role, counted. */
async function creationsOf(roleName: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const e of await events.readStream(tenantId, streamId)) {
    if (e.type !== 'ServiceLinkedRolesCreated' || (e.data as { roleName: string }).roleName !== roleName) continue;
    for (const id of (e.data as { accountIds: string[] }).accountIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const rolesByStatus = async (roleName: string) =>
  (await pool.query(`SELECT status, count(*)::int AS n FROM iam_roles WHERE tenant_id = $1 AND role_name = $2 GROUP BY status ORDER BY status`, [tenantId, roleName])).rows;

it('creates every account\'s roles exactly once when two propagations race, in chunks', async () => {
  await run(worker(), { type: 'EnableAWSServiceAccess', data: { servicePrincipal: 'sso.amazonaws.com', catalogue } });
  await run(worker(), { type: 'EnableAWSServiceAccess', data: { servicePrincipal: 'guardduty.amazonaws.com', catalogue } });
  await project();
  expect(await rolesByStatus('AWSServiceRoleForSSO')).toEqual([{ status: 'PENDING', n: MEMBERS + 1 }]);

  const [first, second] = await Promise.all([propagateServiceLinkedRoles(worker(), job, 40), propagateServiceLinkedRoles(worker(), job, 40)]);
  expect(first.chunks + second.chunks).toBeGreaterThanOrEqual(Math.ceil((2 * (MEMBERS + 1)) / 40));
  for (const roleName of ['AWSServiceRoleForSSO', 'AWSServiceRoleForAmazonGuardDuty']) {
    const creations = await creationsOf(roleName);
    expect(creations.size).toBe(MEMBERS + 1);
    expect([...creations.values()].every((n) => n === 1)).toBe(true);
  }
  await project();
  expect(await rolesByStatus('AWSServiceRoleForSSO')).toEqual([{ status: 'CREATED', n: MEMBERS + 1 }]);
  expect(await rolesByStatus('AWSServiceRoleForAmazonGuardDuty')).toEqual([{ status: 'CREATED', n: MEMBERS + 1 }]);
  // Access roles of the created accounts sit beside them, from the accounts' own events.
  expect(await rolesByStatus('OrganizationAccountAccessRole')).toEqual([{ status: 'CREATED', n: MEMBERS }]);
}, 60_000);

it('does nothing more when run again', async () => {
  expect(await propagateServiceLinkedRoles(worker(), job, 40)).toEqual({ chunks: 0, events: 0 });
});

it('deletes a disabled service\'s roles from every account and leaves the other service\'s', async () => {
  await run(worker(), { type: 'DisableAWSServiceAccess', data: { servicePrincipal: 'guardduty.amazonaws.com', catalogue } });
  await propagateServiceLinkedRoles(worker(), job, 100);
  await project();
  expect(await rolesByStatus('AWSServiceRoleForAmazonGuardDuty')).toEqual([{ status: 'DELETED', n: MEMBERS + 1 }]);
  expect(await rolesByStatus('AWSServiceRoleForSSO')).toEqual([{ status: 'CREATED', n: MEMBERS + 1 }]);
}, 60_000);

it('shows the roles only to their own tenant (row-level security)', async () => {
  expect(await forTenant(app, tenantId).iamRole.count()).toBe(3 * MEMBERS + 2);
  expect(await forTenant(app, randomUUID()).iamRole.count()).toBe(0);
  expect(await forTenant(app, randomUUID()).serviceAccess.count()).toBe(0);
  expect(await app.iamRole.count()).toBe(0);
});

it('lets a join in an organization that never enabled trusted access go without deciding anything', async () => {
  const quiet = organizationStreamId('o-slrquiet01');
  const context = worker();
  const full = { type: 'CreateOrganization', data: { organizationId: 'o-slrquiet01', rootId: 'r-slr2', featureSet: 'ALL', managementAccountName: 'Quiet', managementAccountEmail: 'q@slr.example.com' }, actingAccountId: '222233334444', at: new Date().toISOString() } as OrganizationCommand;
  await context.commands.handle({ tenantId, streamId: quiet, decider: organizationDecider, command: full });
  const before = (await events.readStream(tenantId, quiet)).length;
  const handled = jest.spyOn(context.commands, 'handle');
  await serviceLinkedRolesReaction.run({ tenantId, streamId: quiet, actingAccountId: '222233334444', causedBy: '0', joining: true }, context);
  expect(handled).not.toHaveBeenCalled();
  expect((await events.readStream(tenantId, quiet)).length).toBe(before);
  // The organization that did enable it still propagates on a join.
  await appendMemberAccounts(pool, { tenantId, organizationId, managementAccountId: mgmt, rootId: 'r-slr1' }, 1);
  await serviceLinkedRolesReaction.run({ ...job, joining: true }, worker());
  expect((await creationsOf('AWSServiceRoleForSSO')).size).toBe(MEMBERS + 2);
});

import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { createPrismaClient, forTenant, type PrismaClient } from '@orgs/shared/read-models';

let database: TestDatabase;
let owner: PrismaClient;
let app: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = createPrismaClient(database.url, { max: 2 });
  app = createPrismaClient(database.url, { max: 2, role: 'orgs_app' });
});
afterAll(async () => {
  await owner.$disconnect();
  await app.$disconnect();
  await database.drop();
});

it('shows a tenant\'s client only its own rows, even for a query with no tenant filter', async () => {
  const [a, b] = [randomUUID(), randomUUID()];
  const createdAt = new Date();
  await owner.tenant.createMany({ data: [{ id: a, name: 'A', createdAt }, { id: b, name: 'B', createdAt }] });
  await owner.account.createMany({
    data: [
      { id: '100000000001', tenantId: a, name: 'a', email: 'a@example.com', status: 'ACTIVE', createdAt },
      { id: '100000000002', tenantId: b, name: 'b', email: 'b@example.com', status: 'ACTIVE', createdAt },
    ],
  });
  const seenByA = forTenant(app, a);
  expect((await seenByA.account.findMany()).map((r) => r.id)).toEqual(['100000000001']);
  expect((await seenByA.tenant.findMany()).map((r) => r.id)).toEqual([a]);
  expect(await seenByA.account.findUnique({ where: { id: '100000000002' } })).toBeNull();
  // The application role with no tenant named sees nothing at all.
  expect(await app.account.count()).toBe(0);
});

import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolClient } from 'pg';
import { Counter } from 'prom-client';
import { Prisma, PrismaClient } from './generated/prisma/client';

/** Every statement the read-model clients send, so tests and dashboards can see query counts. */
export const sqlStatements = new Counter({
  name: 'orgs_sql_statements_total',
  help: 'SQL statements sent by the read-model (Prisma) clients, transaction control included',
  labelNames: ['client'],
});

export { PrismaClient, Prisma } from './generated/prisma/client';
export type { Account as AccountRow, Organization as OrganizationRow, Root as RootRow } from './generated/prisma/client';
export type ReadModelTransaction = Omit<
  PrismaClient,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'
>;

/** Prisma Client over `pg` (no native engine): the read models' only access path. */
export function createPrismaClient(
  connectionString: string,
  options: { max?: number; role?: string; applicationName?: string; schema?: string } = {},
): PrismaClient {
  const pool = new Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'orgs',
    // The API's connections take the role that row-level security applies to from their first byte;
    // a rebuild's, the schema it builds tables in.
    options: connectionOptions(options.role, options.schema),
  });
  pool.on('error', () => undefined); // a dropped idle connection is replaced; it must not end the process
  pool.on('connect', (client) => {
    client.on('error', () => undefined); // so is a checked-out one's (the pool listens only while it is idle): its queries fail
    countStatements(client, options.applicationName ?? 'orgs');
  });
  return new PrismaClient({ adapter: new PrismaPg(pool, options.schema ? { schema: options.schema } : undefined) });
}

/** `-c` settings for a connection's start-up packet. */
export function connectionOptions(role?: string, schema?: string): string | undefined {
  const settings = [role && `-c role=${role}`, schema && `-c search_path=${schema},public`].filter(Boolean);
  return settings.length > 0 ? settings.join(' ') : undefined;
}

function countStatements(client: PoolClient, label: string): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    sqlStatements.inc({ client: label });
    return query(...args);
  };
}

/** A raw read for one tenant, under row-level security like every other read of `forTenant`. */
export async function queryAsTenant<T>(prisma: PrismaClient, tenantId: string, sql: Prisma.Sql): Promise<T[]> {
  const [, rows] = await prisma.$transaction([
    prisma.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`,
    prisma.$queryRaw<T[]>(sql),
  ]);
  return rows;
}

/**
 * A client for one tenant's reads: every query runs in a transaction that first names the tenant,
 * so row-level security shows only that tenant's rows even if a query forgets its WHERE.
 * The client must have been created with `role: 'orgs_app'`.
 */
export function forTenant(prisma: PrismaClient, tenantId: string) {
  return prisma.$extends({
    query: {
      $allModels: {
        async $allOperations({ args, query }) {
          const [, result] = await prisma.$transaction([
            prisma.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`,
            query(args),
          ]);
          return result;
        },
      },
    },
  });
}
export type TenantReadModels = ReturnType<typeof forTenant>;

import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export { PrismaClient, Prisma } from './generated/prisma/client';
export type ReadModelTransaction = Omit<
  PrismaClient,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'
>;

/** Prisma Client over `pg` (no native engine): the read models' only access path. */
export function createPrismaClient(
  connectionString: string,
  options: { max?: number; role?: string; applicationName?: string } = {},
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'orgs',
    // The API's connections take the role that row-level security applies to from their first byte.
    options: options.role ? `-c role=${options.role}` : undefined,
  });
  return new PrismaClient({ adapter });
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

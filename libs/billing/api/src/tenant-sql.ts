import type { Pool, PoolClient } from 'pg';

/**
 * Billing's reads over plain pg (numerics arrive as exact strings; tens of thousands of rows cost
 * a fraction of what Prisma's row mapping does), in one read-only snapshot under the tenant's
 * row-level security.
 */
export async function readAsTenant<T>(pool: Pool, tenantId: string, read: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await read(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

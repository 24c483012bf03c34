import { Pool } from 'pg';

/** The role every API connection takes, so that row-level security applies to it. */
export const APP_ROLE = 'orgs_app';

export function createPool(connectionString: string, options: { max?: number; role?: string } = {}): Pool {
  const pool = new Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    options: options.role ? `-c role=${options.role}` : undefined,
  });
  // An idle connection that the server drops is discarded by the pool; without a listener the
  // 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

import { Pool } from 'pg';

/** The role every API connection takes, so that row-level security applies to it. */
export const APP_ROLE = 'orgs_app';

/**
 * How projector connections name themselves: their transactions never append, so followers of the
 * log need not wait for them (see orgs_append_bound).
 */
export const PROJECTOR_APPLICATION_NAME = 'orgs-projector';

export interface PoolOptions {
  max?: number;
  role?: string;
  applicationName?: string;
}

export function createPool(connectionString: string, options: PoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'orgs',
    connectionTimeoutMillis: 5_000,
    options: options.role ? `-c role=${options.role}` : undefined,
  });
  // An idle connection that the server drops is discarded by the pool; without a listener the
  // 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

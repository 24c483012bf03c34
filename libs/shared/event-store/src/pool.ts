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
  /** Tables are looked up here first (a projection's rebuild), then in public. */
  schema?: string;
  /** A rebuild's writes need not wait for the disk: a crash only means building again. */
  asynchronousCommit?: boolean;
}

export function createPool(connectionString: string, options: PoolOptions = {}): Pool {
  const pool = new Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'orgs',
    connectionTimeoutMillis: 5_000,
    options: startupSettings(options),
  });
  // An idle connection that the server drops is discarded by the pool; without a listener the
  // 'error' event would end the process.
  pool.on('error', () => undefined);
  // So is a checked-out one (the pool listens only while a client is idle): its queries fail, the
  // process goes on.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

function startupSettings(options: PoolOptions): string | undefined {
  const settings = [
    options.role && `-c role=${options.role}`,
    options.schema && `-c search_path=${options.schema},public`,
    options.asynchronousCommit && '-c synchronous_commit=off',
  ].filter(Boolean);
  return settings.length > 0 ? settings.join(' ') : undefined;
}

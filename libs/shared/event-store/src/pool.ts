import { Pool } from 'pg';

/** The role every API connection takes, so that row-level security applies to it. */
export const APP_ROLE = 'orgs_app';

export function createPool(connectionString: string, options: { max?: number; role?: string } = {}): Pool {
  return new Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    options: options.role ? `-c role=${options.role}` : undefined,
  });
}

import type { Pool } from 'pg';

export interface ProjectionLag {
  name: string;
  /** The last log position the projection has applied. */
  position: bigint;
  /** Events after its checkpoint in the log's (transaction, position) order: not applied yet (counted up to a million). */
  lagEvents: number;
  /** How long the oldest event it has not applied has waited (0 when it is caught up). */
  lagMs: number;
}

export interface Consistency {
  /** The last position appended to the log. */
  lastPosition: bigint;
  projections: ProjectionLag[];
}

/**
 * Where the log and each of its followers stand, in one statement (orgs_consistency): every
 * projection's lag in events and in milliseconds (the age of the first event after its checkpoint,
 * in the order the followers read the log).
 */
export async function readConsistency(pool: Pool): Promise<Consistency> {
  const { rows } = await pool.query<{ name: string | null; log_position: string; applied_position: string | null; lag_events: string | null; lag_ms: number | null }>(
    'SELECT name, log_position::text, applied_position::text, lag_events::text, lag_ms FROM orgs_consistency()',
  );
  const lastPosition = BigInt(rows[0]?.log_position ?? 0);
  const projections = rows
    .filter((row) => row.name !== null)
    .map((row) => {
      const position = BigInt(row.applied_position ?? 0);
      return { name: row.name as string, position, lagEvents: Number(row.lag_events ?? 0), lagMs: Math.round(row.lag_ms ?? 0) };
    });
  return { lastPosition, projections };
}

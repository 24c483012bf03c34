import type { Pool } from 'pg';
import { LOG_START, type LogCheckpoint } from '@orgs/shared/event-store';

export interface ProjectionCheckpoint extends LogCheckpoint {
  lastEventRecordedAt: Date | null;
}

/** Checkpoints known to exist, per pool: creating one is needed once, not on every batch. */
const created = new WeakMap<Pool, Set<string>>();

export async function readCheckpoint(pool: Pool, name: string): Promise<ProjectionCheckpoint> {
  const known = created.get(pool) ?? new Set<string>();
  if (!known.has(name)) {
    await pool.query(`INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT DO NOTHING`, [name]);
    known.add(name);
    created.set(pool, known);
  }
  const { rows } = await pool.query(
    `SELECT last_transaction_id::text AS tx, last_position::text AS pos, last_event_recorded_at
       FROM projection_checkpoints WHERE name = $1`,
    [name],
  );
  const row = rows[0];
  if (!row) return { ...LOG_START, lastEventRecordedAt: null };
  return { transactionId: BigInt(row.tx), position: BigInt(row.pos), lastEventRecordedAt: row.last_event_recorded_at };
}

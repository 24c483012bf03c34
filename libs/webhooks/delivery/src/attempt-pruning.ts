import type { Pool } from 'pg';

/** Attempts looked at per statement: the oldest by id, which is the order they were recorded in. */
const PRUNE_BATCH = 5_000;

/**
 * Deletes the delivery attempts recorded before `cutoff`, oldest first, a batch per statement, and
 * stops at the first batch that reaches a newer one: the work is bounded by what is deleted, never
 * a scan of the table. The deliveries themselves stay (status, payload): they are what keeps a
 * replay of the log, or a rebuild, from queueing an event again.
 */
export async function pruneDeliveryAttempts(pool: Pool, cutoff: Date): Promise<number> {
  let pruned = 0;
  for (;;) {
    const { rows } = await pool.query<{ deleted: number; reached_newer: boolean }>(
      `WITH oldest AS (SELECT id, attempted_at FROM webhook_delivery_attempts ORDER BY id LIMIT ${PRUNE_BATCH}),
            gone AS (DELETE FROM webhook_delivery_attempts a USING oldest o WHERE a.id = o.id AND o.attempted_at < $1 RETURNING 1)
       SELECT (SELECT count(*)::int FROM gone) AS deleted,
              (SELECT count(*) < ${PRUNE_BATCH} OR bool_or(attempted_at >= $1) FROM oldest) AS reached_newer`,
      [cutoff],
    );
    pruned += rows[0].deleted;
    if (rows[0].reached_newer || rows[0].deleted === 0) return pruned;
  }
}

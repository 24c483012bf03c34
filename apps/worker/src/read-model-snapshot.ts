import type { Pool } from 'pg';

/** Tables the read-models projection writes, compared row by row after crashes and replays. */
export const READ_MODEL_TABLES = ['tenants', 'accounts', 'api_keys', 'organizations', 'roots'] as const;

/** Every read-model row, ordered, as plain JSON: equal snapshots mean equal read models. */
export async function readModelSnapshot(pool: Pool): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_TABLES) {
    const { rows } = await pool.query(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY id`);
    snapshot[table] = rows.map((r) => r.row);
  }
  return snapshot;
}

import type { Pool } from 'pg';

export interface StoredSnapshot<State> {
  version: number;
  state: State;
}

/**
 * A stream's state at a version, so that deciding a command replays only the events after it.
 * A snapshot whose stateVersion differs from the decider's is ignored (the state's shape changed).
 */
export class SnapshotStore {
  constructor(private readonly pool: Pool) {}

  async load<State>(tenantId: string, streamId: string, stateVersion: number): Promise<StoredSnapshot<State> | null> {
    const { rows } = await this.pool.query(
      `SELECT version, state FROM orgs_read_snapshot($1, $2, $3)`,
      [tenantId, streamId, stateVersion],
    );
    return rows[0] ? { version: rows[0].version, state: rows[0].state as State } : null;
  }

  async save(tenantId: string, streamId: string, stateVersion: number, snapshot: StoredSnapshot<unknown>): Promise<void> {
    await this.pool.query(`SELECT orgs_write_snapshot($1, $2, $3, $4, $5)`, [
      tenantId,
      streamId,
      snapshot.version,
      stateVersion,
      JSON.stringify(snapshot.state),
    ]);
  }

  /** The newest state at or before `maxVersion`: the latest snapshot, else the nearest historical one. */
  async loadAtOrBefore<State>(tenantId: string, streamId: string, stateVersion: number, maxVersion: number): Promise<StoredSnapshot<State> | null> {
    const { rows } = await this.pool.query(
      `SELECT version, state FROM orgs_read_snapshot_at($1, $2, $3, $4)`,
      [tenantId, streamId, stateVersion, maxVersion],
    );
    return rows[0] ? { version: rows[0].version, state: rows[0].state as State } : null;
  }

  /** Keeps a state of the past for good (reads as of an old point start from the nearest one). */
  async saveHistorical(tenantId: string, streamId: string, stateVersion: number, snapshot: StoredSnapshot<unknown>): Promise<void> {
    await this.pool.query(`SELECT orgs_write_historical_snapshot($1, $2, $3, $4, $5)`, [
      tenantId,
      streamId,
      stateVersion,
      snapshot.version,
      JSON.stringify(snapshot.state),
    ]);
  }
}

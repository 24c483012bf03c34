import type { Pool } from 'pg';
import type { ProjectionCheckpoint } from '@orgs/shared/projector';
import type { RecordedEvent } from '@orgs/shared/event-store';

/** A reaction's job as the ledger (reaction_jobs) and BullMQ both know it. */
export interface LedgerJob {
  reaction: string;
  jobId: string;
  data: unknown;
  runAt: Date | null;
}

export interface PendingJob extends LedgerJob {
  recordedAt: Date;
}

/**
 * Postgres's record of the reactions' jobs. Redis holds the schedule and runs it; this holds what
 * must be run, so that Redis losing its data (a restart without persistence) loses nothing.
 */
export class JobLedger {
  constructor(private readonly pool: Pool) {}

  /**
   * Records the batch's jobs and moves the reactions' checkpoint past its events, in one
   * transaction; false (nothing recorded) when another process moved the checkpoint first.
   */
  async recordAndAdvance(jobs: LedgerJob[], checkpoint: string, from: ProjectionCheckpoint, to: RecordedEvent): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rowCount } = await client.query(
        `UPDATE projection_checkpoints SET last_transaction_id = $2, last_position = $3, last_event_recorded_at = $4, updated_at = now()
          WHERE name = $1 AND last_transaction_id = $5 AND last_position = $6`,
        [checkpoint, to.transactionId.toString(), to.position.toString(), to.recordedAt, from.transactionId.toString(), from.position.toString()],
      );
      if (rowCount !== 1) {
        await client.query('ROLLBACK');
        return false;
      }
      if (jobs.length > 0) {
        await client.query(
          `INSERT INTO reaction_jobs (reaction, job_id, data, run_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
          [jobs.map((j) => j.reaction), jobs.map((j) => j.jobId), jobs.map((j) => JSON.stringify(j.data)), jobs.map((j) => j.runAt)],
        );
      }
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async markEnqueued(jobs: LedgerJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.pool.query(
      `UPDATE reaction_jobs SET enqueued_at = now() FROM unnest($1::text[], $2::text[]) AS j(reaction, job_id)
        WHERE reaction_jobs.reaction = j.reaction AND reaction_jobs.job_id = j.job_id`,
      [jobs.map((j) => j.reaction), jobs.map((j) => j.jobId)],
    );
  }

  async markCompleted(reaction: string, jobId: string): Promise<void> {
    await this.pool.query(`UPDATE reaction_jobs SET completed_at = now() WHERE reaction = $1 AND job_id = $2`, [reaction, jobId]);
  }

  /** Jobs not done yet, oldest first, a page at a time: all of them, or only those BullMQ was never seen to take. */
  async pending(options: { notEnqueuedForMs?: number; after?: PendingJob; limit: number }): Promise<PendingJob[]> {
    const { notEnqueuedForMs = null, after, limit } = options;
    const { rows } = await this.pool.query(
      `SELECT reaction, job_id, data, run_at, recorded_at FROM reaction_jobs
        WHERE completed_at IS NULL
          AND ($1::float8 IS NULL OR (enqueued_at IS NULL AND recorded_at < now() - make_interval(secs => $1 / 1000)))
          AND ($2::timestamptz IS NULL OR (recorded_at, reaction, job_id) > ($2, $3, $4))
        ORDER BY recorded_at, reaction, job_id LIMIT $5`,
      [notEnqueuedForMs, after?.recordedAt ?? null, after?.reaction ?? null, after?.jobId ?? null, limit],
    );
    return rows.map((r) => ({ reaction: r.reaction, jobId: r.job_id, data: r.data, runAt: r.run_at, recordedAt: r.recorded_at }));
  }

  /** Done jobs are kept a while for inspection, then forgotten. */
  async forgetCompleted(olderThanDays: number): Promise<void> {
    await this.pool.query(`DELETE FROM reaction_jobs WHERE completed_at < now() - make_interval(days => $1)`, [olderThanDays]);
  }
}

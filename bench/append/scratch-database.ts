/**
 * A throwaway database per run: the figures must not depend on what other developers' tests left
 * in shared databases, and tables that start empty make runs comparable.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations, quoteIdentifier, withDatabaseName } from '@orgs/shared/read-models';
import { ADMIN_URL, DATABASE_PREFIX, LOOPBACK_HOSTS } from './config';

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Idempotent: called from `finally`, from signal handlers and from the watchdog. */
  drop(): Promise<void>;
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`DATABASE_URL points at ${host}; this benchmark only runs against a loopback server`);
  }
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  assertLoopback(ADMIN_URL);
  const name = `${DATABASE_PREFIX}${randomBytes(4).toString('hex')}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  let dropped: Promise<void> | undefined;
  const drop = () =>
    // FORCE: a pool that did not close cleanly (failure, watchdog) must not keep the database alive.
    (dropped ??= withAdminClient(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    }));
  return { name, url: withDatabaseName(ADMIN_URL, name), drop };
}

export async function migrate(url: string): Promise<void> {
  await applyMigrations(url);
}

/**
 * The raw-INSERT baseline: a copy of `events` (columns, types, defaults, NOT NULLs, primary key,
 * unique key, (transaction_id, position) index). LIKE ... INCLUDING ALL copies the position default
 * verbatim, i.e. nextval('events_position_seq'): the baseline would then share (and contend on) the
 * events sequence, so it gets its own. Row-level security is not copied, as intended: the baseline is
 * what Postgres does for a bare insert.
 */
export async function createBaselineTable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE baseline_events (LIKE events INCLUDING ALL);
      CREATE SEQUENCE baseline_events_position_seq OWNED BY baseline_events.position;
      ALTER TABLE baseline_events ALTER COLUMN position SET DEFAULT nextval('baseline_events_position_seq');
    `);
    await assertSameShape(client);
  } finally {
    await client.end();
  }
}

/** Fails the run if the baseline differs from `events` in anything but names. */
async function assertSameShape(client: pg.Client): Promise<void> {
  const shape = async (table: string) => {
    const { rows } = await client.query(
      `SELECT
         (SELECT json_agg(json_build_array(column_name, data_type, is_nullable,
                   replace(column_default, $1 || '_position_seq', 'SEQ')) ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1) AS columns,
         (SELECT json_agg(d ORDER BY d) FROM (
            SELECT regexp_replace(pg_get_indexdef(indexrelid), ' INDEX \\S+ ON \\S+ ', ' INDEX ON ') AS d
              FROM pg_index WHERE indrelid = $1::regclass) i) AS indexes`,
      [table],
    );
    return JSON.stringify(rows[0]);
  };
  const [events, baseline] = [await shape('events'), await shape('baseline_events')];
  if (events !== baseline) throw new Error(`baseline_events differs from events:\n${events}\n${baseline}`);
}

/**
 * Flushes dirty buffers before a pair of phases, so no pair inherits the previous one's checkpoint
 * debt or has a timed checkpoint fall inside it (checkpoint_timeout restarts). Needs superuser or
 * pg_checkpoint; without it the pairs just run as they come.
 */
export async function checkpoint(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    return true;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

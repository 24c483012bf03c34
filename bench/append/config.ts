/**
 * Settings of the append benchmark. The whole script must stay under 3 minutes:
 * 4 pairs x 2 phases x (1 s warm-up + 8 s) + a 16-client pgbench reference (8 s)
 * + migrations, pools and checkpoints (~5 s) ≈ 85 s.
 */

/** Admin connection: the server the scratch database is created on (any database on it will do). */
export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Hosts we accept: the figures are only meaningful against a server on this machine. */
export const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export const DATABASE_PREFIX = 'orgs_bench_append_';

export const WARMUP_SECONDS = 1;
/** Measured time per phase... */
export const RUN_SECONDS = 8;
/**
 * ...taken in slices that alternate with the counterpart phase (A B B A A B B A ...), so a burst of
 * other load on this shared 2-core machine hits the event store and the baseline alike. Short slices
 * give many adjacent pairs; the spread of their ratios shows how noisy the run was.
 */
export const SLICE_SECONDS = 1;

/** 1 writer shows the per-commit latency bound; 16 shows what group commit gives on 2 cores. */
export const WRITER_COUNTS = [1, 16] as const;
/** One event per transaction (a typical command) and a batch of ten. */
export const BATCH_SIZES = [1, 10] as const;

/**
 * A writer appends this many times to a stream before it opens a new one, so both the
 * "create stream" (expected version 0) and the "exact version" paths of orgs_append are exercised,
 * as commands do on aggregates that live a while.
 */
export const APPENDS_PER_STREAM = 20;

/** pgbench reference: same insert as the baseline, 16 clients, no Node in the loop. */
export const PGBENCH_CLIENTS = 16;
export const PGBENCH_SECONDS = 8;

/** Hard cap for the whole script; the watchdog drops the scratch database and exits past it. */
export const TOTAL_BUDGET_MS = 170_000;

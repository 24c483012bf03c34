/**
 * Settings of the API benchmark (`npm run bench:api`). The whole script must stay under 10 minutes;
 * a run takes about 3 on the 2-core development machine: start-up and 53 tenants (~15 s), baseline
 * (3 + 10 s), commands (5 + 20 s), the 10,000-account organization (OU tree, seeding, projection
 * ~20 s; the first command after seeding replays 10,000 accounts: 25-35 s), its reads (~60 s), the
 * long stream (100,000 events, an API restart, ~20 s).
 */
import path from 'node:path';

/** Admin connection: the server the scratch database is created on. */
export const ADMIN_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The figures only mean something against servers on this machine. */
export const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
export const DATABASE_PREFIX = 'orgs_bench_api_';
export const REDIS_PREFIX_STEM = 'orgs-bench-api';

/** Repository root and the compiled entry points, from dist/bench/api/config.js. */
export const DIST = path.resolve(__dirname, '..', '..');
export const API_ENTRY = path.join(DIST, 'apps', 'api', 'src', 'main.js');
export const WORKER_ENTRY = path.join(DIST, 'apps', 'worker', 'src', 'main.js');
export const CPU_PROFILE_PRELOAD = path.join(__dirname, 'cpu-profile.js');
/** Set to a directory to CPU-profile the API and the worker during each measured phase (slows them down: figures are then not comparable). */
export const CPU_PROFILE_DIR = process.env.BENCH_API_CPU_PROF || undefined;

/** The load: 32 clients across 50 organizations. */
export const CLIENTS = 32;
export const ORGANIZATIONS = 50;
export const SETUP_CONCURRENCY = 8;

export const BASELINE_WARMUP_S = 3;
export const BASELINE_RUN_S = 10;
export const COMMANDS_WARMUP_S = 5;
export const COMMANDS_RUN_S = 20;

/** The big organization: a 5-level OU tree of 3 children each (363 OUs) and 10,000 accounts. */
export const TREE_BRANCHING = 3;
export const TREE_DEPTH = 5;
export const BIG_ACCOUNTS = 10_000;
/** Under the root: the parent of the list tests (over 1,000, so the tree query pages it with an alias). */
export const ROOT_ACCOUNTS = 2_000;
export const BIG_MAX_ACCOUNTS = 20_000;
/** Accounts per EventStore.append while seeding. */
export const SEED_ACCOUNTS_PER_APPEND = 100;

export const LIST_PAGE_AWS = 20;
export const LIST_PAGE_GRAPH = 100;
/** Paging through the root's accounts: full passes for 1 client, seconds for 8. */
export const LIST_SEQUENTIAL_PASSES = 3;
export const GRAPH_SEQUENTIAL_PASSES = 10;
export const LIST_CONCURRENT_CLIENTS = 8;
export const LIST_CONCURRENT_S = 8;
export const TREE_RUNS = 30;
export const TREE_WARMUP_RUNS = 3;

/** The long stream: tag/untag events on one organization's root, appended in batches. */
export const LONG_STREAM_EVENTS = 100_000;
export const LONG_STREAM_EVENTS_PER_APPEND = 1_000;
/** Commands after the restart before measuring, then measured commands per organization (alternating). */
export const LONG_WARMUP_COMMANDS = 20;
export const LONG_MEASURED_COMMANDS = 400;
/** Sequential commands on the 10,000-account organization (its state is large: snapshots cost). */
export const BIG_MEASURED_COMMANDS = 200;

export const START_TIMEOUT_MS = 60_000;
export const PROJECTION_TIMEOUT_MS = 180_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** The first command after seeding 10,000 accounts replays them all in the API (measured at 24-30 s). */
export const CATCH_UP_TIMEOUT_MS = 150_000;
/** Hard cap for the whole script; the watchdog stops the service and drops the database past it. */
export const TOTAL_BUDGET_MS = 9.5 * 60_000;

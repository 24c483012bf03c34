/**
 * Settings of the fan-out benchmark (`npm run bench:fanout`). A run took 6-7 minutes on the shared,
 * loaded 2-core development machine: the baseline on 1,000 accounts (~45 s), seeding and projecting
 * 10,000 accounts (~90 s), replaying them once for the snapshot (~160 s: the accounts' evolve copies
 * the account map per event), then the measured fan-out and its undoing (seconds).
 */
export const ACCOUNTS = 10_000;
export const SEED_ACCOUNTS_PER_APPEND = 500;
/** Roles per propagation command for the measured run (the worker's default). */
export const CHUNK_SIZE = 1_000;
/** The baseline: one role per command and event, on fewer accounts (it is that much slower). */
export const BASELINE_ACCOUNTS = 1_000;
export const BASELINE_CHUNK_SIZE = 1;
export const MEASURED_SERVICE = 'sso.amazonaws.com';
export const BASELINE_SERVICE = 'guardduty.amazonaws.com';
/** How often the progress query is polled (its answers are the progress printed on stderr). */
export const POLL_MS = 100;
export const PROPAGATION_TIMEOUT_MS = 180_000;
export const TOTAL_BUDGET_MS = 10 * 60_000;
export const TARGET_S = 20;

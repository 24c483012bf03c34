/**
 * Output: a table on stdout, then (as the very last line) one JSON object whose snake_case keys
 * carry their unit, for scripts to parse.
 */
import {
  BIG_ACCOUNTS,
  CLIENTS,
  LIST_CONCURRENT_CLIENTS,
  LONG_STREAM_EVENTS,
  ORGANIZATIONS,
  ROOT_ACCOUNTS,
} from './config';
import type { LatencySummary, LoadRun } from './load';
import type { ListFigures } from './reads-phase';
import type { StatementCost } from './round-trips';
import type { TreeFigures } from './tree-query';
import type { LongVsNew } from './long-stream';
import { costJson, fixed, printCosts, round } from './cost-report';
import type { PhaseCost } from './phase-runner';

export interface Results {
  baseline: LoadRun;
  commands: LoadRun;
  projectionBacklog: { positions: number; drainMs: number };
  big: {
    organizationalUnits: number;
    accounts: number;
    treeBuildMs: number;
    seedAppendMs: number;
    projectionMs: number;
    firstCommandMs: number;
    commands: LatencySummary;
    smallCommands: LatencySummary;
  };
  lists: ListFigures;
  tree: TreeFigures;
  treeWithTags: TreeFigures;
  statements: Record<string, number>;
  roundTripMs: number;
  explained: StatementCost[];
  long: {
    seedMs: number;
    catchUpMs: number;
    snapshotVersion: number | null;
    restartMs: number;
    firstLongMs: number;
    firstFreshMs: number;
    run: LongVsNew;
  };
  costs: PhaseCost[];
}

export const TARGETS = { commandsPerS: 1_500, listP99Ms: 20, longVsNewTolerance: 0.2 };

function row(label: string, run: LoadRun): string {
  const errors = run.errors > 0 ? `${run.errors} ${JSON.stringify(run.errorCodes)}` : '0';
  return [
    label.padEnd(46),
    String(run.clients).padStart(7),
    String(run.count).padStart(8),
    fixed(run.perS).padStart(9),
    fixed(run.p50Ms, 2).padStart(8),
    fixed(run.p99Ms, 2).padStart(8),
    fixed(run.maxMs, 1).padStart(8),
    `  ${errors}`,
  ].join(' ');
}

/** A series measured by one client, interleaved with another (its rate is the pair's). */
function summaryRow(label: string, s: LatencySummary): string {
  return [
    label.padEnd(46),
    '1'.padStart(7),
    String(s.count).padStart(8),
    ''.padStart(9),
    fixed(s.p50Ms, 2).padStart(8),
    fixed(s.p99Ms, 2).padStart(8),
    fixed(s.maxMs, 1).padStart(8),
  ].join(' ');
}

export function printTable(r: Results, context: string): void {
  console.log(`\nAPI benchmark (${context})`);
  console.log(
    ['phase'.padEnd(46), 'clients', 'requests', '   req/s', 'p50 ms', 'p99 ms', 'max ms', '  errors'].join(' '),
  );
  console.log(row(`baseline: describeOrganization`, r.baseline));
  console.log(row(`commands: ${ORGANIZATIONS} organizations, 4-command mix`, r.commands));
  for (const [kind, s] of Object.entries(r.commands.byKind))
    console.log(
      `  ${kind.padEnd(44)} ${String(s.count).padStart(16)} ${''.padStart(9)} ${fixed(s.p50Ms, 2).padStart(8)} ${fixed(s.p99Ms, 2).padStart(8)}`,
    );
  console.log(row('listAccountsForParent (20/page), root', r.lists.awsSequential));
  console.log(row('listAccountsForParent (20/page), root', r.lists.awsConcurrent));
  for (const [kind, s] of Object.entries(r.lists.awsSequential.byKind))
    console.log(
      `  1 client, ${kind.padEnd(34)} ${String(s.count).padStart(16)} ${''.padStart(9)} ${fixed(s.p50Ms, 2).padStart(8)} ${fixed(s.p99Ms, 2).padStart(8)}`,
    );
  console.log(row('root accounts(first: 100) graph connection', r.lists.graphSequential));
  console.log(row('root accounts(first: 100) graph connection', r.lists.graphConcurrent));
  console.log(
    row(
      `full tree: ${r.tree.count.organizationalUnits} OUs, ${r.tree.count.accounts} accounts (${r.tree.requests} requests)`,
      r.tree.run,
    ),
  );
  console.log(row('full tree, with tags on every node', r.treeWithTags.run));
  console.log(summaryRow('tagResource, 10,000-account organization', r.big.commands));
  console.log(summaryRow('tagResource, small organization (alternating)', r.big.smallCommands));
  console.log(row(`tagResource, stream of ${LONG_STREAM_EVENTS} events`, r.long.run.long));
  console.log(row('tagResource, new organization', r.long.run.fresh));
  console.log('');
  console.log(
    `projection backlog after the command phase: ${r.projectionBacklog.positions} positions, drained in ${fixed(r.projectionBacklog.drainMs / 1000)} s`,
  );
  console.log(
    `10,000-account organization: OU tree via API ${fixed(r.big.treeBuildMs / 1000)} s, ${r.big.accounts} accounts appended in ${fixed(r.big.seedAppendMs / 1000)} s, projected in ${fixed(r.big.projectionMs / 1000)} s; first command after seeding ${fixed(r.big.firstCommandMs, 0)} ms`,
  );
  console.log(
    `long stream: ${LONG_STREAM_EVENTS} events appended in ${fixed(r.long.seedMs / 1000)} s; first command after them (replays them all) ${fixed(r.long.catchUpMs, 0)} ms; snapshot at version ${r.long.snapshotVersion}`,
  );
  console.log(
    `API restart ${fixed(r.long.restartMs, 0)} ms; first command after it: long stream ${fixed(r.long.firstLongMs, 1)} ms, new organization ${fixed(r.long.firstFreshMs, 1)} ms`,
  );
  console.log(
    `read-model statements per request (transaction control included): ${Object.entries(r.statements)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(`one PostgreSQL round trip from Node (SELECT 1, p50): ${fixed(r.roundTripMs, 3)} ms`);
  for (const e of r.explained) console.log(`EXPLAIN ANALYZE ${e.label}: ${fixed(e.executionMs, 2)} ms (${e.plan})`);
  printCosts(r.costs);
}

export function summaryJson(r: Results, extra: Record<string, unknown>): string {
  const ratio = r.long.run.long.p50Ms / r.long.run.fresh.p50Ms;
  return JSON.stringify({
    commands_per_s: round(r.commands.perS, 1),
    command_p50_ms: round(r.commands.p50Ms),
    command_p99_ms: round(r.commands.p99Ms),
    command_errors: r.commands.errors,
    list_accounts_for_parent_p50_ms: round(r.lists.awsSequential.p50Ms),
    list_accounts_for_parent_p99_ms: round(r.lists.awsSequential.p99Ms),
    list_accounts_for_parent_8_clients_p50_ms: round(r.lists.awsConcurrent.p50Ms),
    list_accounts_for_parent_8_clients_p99_ms: round(r.lists.awsConcurrent.p99Ms),
    list_accounts_for_parent_8_clients_per_s: round(r.lists.awsConcurrent.perS, 1),
    accounts_page_100_p50_ms: round(r.lists.graphSequential.p50Ms),
    accounts_page_100_p99_ms: round(r.lists.graphSequential.p99Ms),
    accounts_page_100_8_clients_p50_ms: round(r.lists.graphConcurrent.p50Ms),
    accounts_page_100_8_clients_p99_ms: round(r.lists.graphConcurrent.p99Ms),
    tree_query_p50_ms: round(r.tree.run.p50Ms, 1),
    tree_query_p99_ms: round(r.tree.run.p99Ms, 1),
    tree_query_with_tags_p50_ms: round(r.treeWithTags.run.p50Ms, 1),
    tree_query_with_tags_p99_ms: round(r.treeWithTags.run.p99Ms, 1),
    tree_response_bytes: r.tree.responseBytes,
    tree_requests: r.tree.requests,
    command_latency_ratio_long_vs_new: round(ratio, 3),
    long_stream_command_p50_ms: round(r.long.run.long.p50Ms),
    long_stream_command_p99_ms: round(r.long.run.long.p99Ms),
    new_stream_command_p50_ms: round(r.long.run.fresh.p50Ms),
    new_stream_command_p99_ms: round(r.long.run.fresh.p99Ms),
    long_stream_catch_up_ms: round(r.long.catchUpMs, 1),
    first_command_after_restart_long_ms: round(r.long.firstLongMs),
    first_command_after_restart_new_ms: round(r.long.firstFreshMs),
    api_restart_ms: round(r.long.restartMs, 0),
    baseline_queries_per_s: round(r.baseline.perS, 1),
    baseline_p50_ms: round(r.baseline.p50Ms),
    baseline_p99_ms: round(r.baseline.p99Ms),
    big_organization_command_p50_ms: round(r.big.commands.p50Ms),
    big_organization_command_p99_ms: round(r.big.commands.p99Ms),
    small_organization_command_p50_ms: round(r.big.smallCommands.p50Ms),
    small_organization_command_p99_ms: round(r.big.smallCommands.p99Ms),
    big_organization_first_command_ms: round(r.big.firstCommandMs, 1),
    big_organization_projection_s: round(r.big.projectionMs / 1000, 1),
    projection_backlog_after_commands_positions: r.projectionBacklog.positions,
    projection_backlog_drain_s: round(r.projectionBacklog.drainMs / 1000, 1),
    pg_round_trip_ms: round(r.roundTripMs, 3),
    ...Object.fromEntries(Object.entries(r.statements).map(([k, v]) => [`read_model_statements_${k}`, v])),
    target_commands_met: r.commands.perS >= TARGETS.commandsPerS && r.commands.errors === 0,
    target_list_p99_met: r.lists.awsSequential.p99Ms < TARGETS.listP99Ms,
    target_long_vs_new_met: Math.abs(ratio - 1) <= TARGETS.longVsNewTolerance,
    clients: CLIENTS,
    organizations: ORGANIZATIONS,
    list_clients_concurrent: LIST_CONCURRENT_CLIENTS,
    big_organization_accounts: BIG_ACCOUNTS,
    big_organization_ous: r.big.organizationalUnits,
    root_accounts: ROOT_ACCOUNTS + 1,
    long_stream_events: LONG_STREAM_EVENTS,
    ...costJson(r.costs),
    ...extra,
  });
}

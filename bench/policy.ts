/**
 * `npm run bench:policy`: simulateAccess for a member account at depth 5 with five SCPs at every
 * level, in process (the engine on the compiled chain) and over HTTP (the real API and worker on a
 * scratch database), beside a baseline with FullAWSAccess alone. Progress on stderr, a table, and
 * as the last line one JSON object.
 */
import { applyMigrations } from '@orgs/shared/read-models';
import { GraphqlClient } from './api/http-client';
import { createOrganizationalUnit, createTenantWithOrganization } from './api/organizations';
import { createScratch } from './api/scratch';
import { killAllChildren, Service } from './api/service';
import { measureInProcess } from './policy/in-process';
import { CUSTOM_SCPS_PER_LEVEL, REQUEST, scpFor, summary } from './policy/workload';

const log = (message: string) => console.error(message);
const IN_PROCESS_ITERATIONS = Number(process.env.BENCH_POLICY_ITERATIONS ?? 20_000);
const HTTP_REQUESTS = Number(process.env.BENCH_POLICY_HTTP_REQUESTS ?? 2_000);

async function memberAtDepthFive(client: GraphqlClient, key: string, rootId: string) {
  let parent = rootId;
  const chain = [rootId];
  for (let depth = 1; depth <= 5; depth++) chain.push((parent = (await createOrganizationalUnit(client, key, parent, `L${depth}`)).organizationalUnit.id));
  const created = await client.must<{ createAccount: { createAccountStatus: { id: string }; consistencyToken: string } }>('mutation { createAccount(input: { email: "bench-member@example.com", accountName: "member" }) { createAccountStatus { id } consistencyToken } }', {}, key);
  let accountId: string | null = null;
  for (let i = 0; i < 300 && !accountId; i++) {
    const status = await client.must<{ describeCreateAccountStatus: { createAccountStatus: { accountId: string | null } } }>('query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { accountId } } }', { id: created.createAccount.createAccountStatus.id, t: created.createAccount.consistencyToken }, key);
    accountId = status.describeCreateAccountStatus.createAccountStatus.accountId;
    if (!accountId) await new Promise((r) => setTimeout(r, 100));
  }
  if (!accountId) throw new Error('the member account was not created');
  await client.must('mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }', { a: accountId, s: rootId, d: parent }, key);
  return { accountId, chain: [...chain, accountId] };
}

async function attachScps(client: GraphqlClient, key: string, chain: string[]): Promise<string> {
  let token = '';
  for (const [level, targetId] of chain.entries()) {
    for (let n = 0; n < CUSTOM_SCPS_PER_LEVEL; n++) {
      const created = await client.must<{ createPolicy: { policy: { policySummary: { id: string } } } }>('mutation($n: String!, $c: String!) { createPolicy(input: { name: $n, description: "", type: SERVICE_CONTROL_POLICY, content: $c }) { policy { policySummary { id } } } }', { n: `scp-${level}-${n}`, c: scpFor(level, n) }, key);
      const attached = await client.must<{ attachPolicy: { consistencyToken: string } }>('mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', { p: created.createPolicy.policy.policySummary.id, t: targetId }, key);
      token = attached.attachPolicy.consistencyToken;
    }
  }
  return token;
}

const SIMULATE = 'query($i: SimulateAccessInput!, $t: String) { simulateAccess(input: $i, consistencyToken: $t) { simulation { decision levels { targetId passes } } } }';

async function measureHttp(client: GraphqlClient, key: string, accountId: string, token: string) {
  const input = { accountId, action: REQUEST.action, resource: REQUEST.resource, region: REQUEST.region, context: Object.entries(REQUEST.context).map(([k, values]) => ({ key: k, values })) };
  const first = await client.must<{ simulateAccess: { simulation: { decision: string; levels: unknown[] } } }>(SIMULATE, { i: input, t: token }, key);
  if (first.simulateAccess.simulation.decision !== 'ALLOWED' || first.simulateAccess.simulation.levels.length !== 7) throw new Error(`unexpected simulation ${JSON.stringify(first)}`);
  const samples: number[] = [];
  for (let i = 0; i < HTTP_REQUESTS; i++) {
    const began = performance.now();
    await client.must(SIMULATE, { i: input }, key);
    samples.push(performance.now() - began);
  }
  return summary(samples.slice(Math.floor(HTTP_REQUESTS / 10)));
}

async function main(): Promise<void> {
  log(`[in-process] ${IN_PROCESS_ITERATIONS} simulations, 7 levels x 5 SCPs, and the FullAWSAccess-only baseline`);
  const inProcess = measureInProcess(IN_PROCESS_ITERATIONS);
  const scratch = await createScratch();
  let service: Service | undefined;
  try {
    await applyMigrations(scratch.databaseUrl);
    service = await Service.start(scratch);
    const client = new GraphqlClient(service.apiPort, 4);
    const org = await createTenantWithOrganization(client, service.operatorToken, 'policy');
    log('[http] a member account at depth 5, four SCPs per level beside FullAWSAccess');
    const { accountId, chain } = await memberAtDepthFive(client, org.apiKey, org.rootId);
    const token = await attachScps(client, org.apiKey, chain);
    log(`[http] ${HTTP_REQUESTS} sequential simulateAccess calls`);
    service.profilers('start-profile'); // BENCH_API_CPU_PROF=<dir>: the API's CPU profile of the measured calls
    const http = await measureHttp(client, org.apiKey, accountId, token);
    service.profilers('stop-profile');
    await new Promise((resolve) => setTimeout(resolve, 500));
    client.close();
    report(inProcess, http);
  } finally {
    await service?.stop().catch(() => killAllChildren());
    await scratch.drop();
  }
}

function report(inProcess: ReturnType<typeof measureInProcess>, http: ReturnType<typeof summary>): void {
  const rows = [
    ['in process, 7 levels x 5 SCPs', inProcess.full],
    ['in process, FullAWSAccess only (baseline)', inProcess.baseline],
    ['HTTP simulateAccess, 7 levels x 5 SCPs', http],
  ] as const;
  console.log('| measurement | p50 ms | p99 ms | samples |\n| --- | --- | --- | --- |');
  for (const [name, s] of rows) console.log(`| ${name} | ${s.p50.toFixed(4)} | ${s.p99.toFixed(4)} | ${s.n} |`);
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  console.log(
    JSON.stringify({
      simulate_p50_ms_in_process: round(inProcess.full.p50),
      simulate_p99_ms_in_process: round(inProcess.full.p99),
      baseline_full_aws_access_only_p99_ms_in_process: round(inProcess.baseline.p99),
      simulate_p50_ms_http: round(http.p50),
      simulate_p99_ms_http: round(http.p99),
      levels: 7,
      scps_per_level: CUSTOM_SCPS_PER_LEVEL + 1,
      http_requests: http.n,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  killAllChildren();
  process.exit(1);
});

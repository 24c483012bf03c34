/**
 * How fast do webhooks go out? The real service (API and worker as child processes) on a scratch
 * database; one organization with 20 endpoints on a local receiver (in this process); organization
 * events (OrganizationalUnitCreated, appended straight into the log as the capability records them,
 * with the NOTIFY after commit that the API's appends send) at a steady rate for 30 s, each delivered to every endpoint. Figures: deliveries/s over the run
 * and the time from each event's append (its recorded time, the body's `timestamp`) to its receipt.
 * Baseline in the same run: raw HTTP POSTs/s to the same receiver from this one process (20
 * keep-alive loops, one request at a time each: what one process could send at most).
 * CPU per delivery (less noisy on a shared machine than the rates): the worker, the scratch
 * database's Postgres backends and this process (the receiver and the appends), over the appends
 * and the drain.
 *
 *   npm run bench:webhooks   (BENCH_WEBHOOKS_SECONDS, BENCH_WEBHOOKS_EVENTS_PER_S; loopback only;
 *                             BENCH_API_CPU_PROF=<dir>: the worker's CPU profile of that phase)
 *
 * Output: progress on stderr; one JSON line (last line of stdout).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { coalescingNotifier, createPool, EVENTS_APPENDED_CHANNEL, EventStore } from '@orgs/shared/event-store';
import { organizationalUnitArn } from '@orgs/shared/kernel';
import { organizationStreamId } from '@orgs/organizations/domain';
import { applyMigrations } from '@orgs/shared/read-models';
import { ADMIN_URL } from './api/config';
import { CpuMeter } from './api/cpu';
import { GraphqlClient } from './api/http-client';
import { profiled } from './api/profiling';
import { createTenantWithOrganization, type BenchOrganization } from './api/organizations';
import { createScratch } from './api/scratch';
import { killAllChildren, Service } from './api/service';

const ENDPOINTS = 20;
const SECONDS = Number(process.env.BENCH_WEBHOOKS_SECONDS ?? 30);
const EVENTS_PER_S = Number(process.env.BENCH_WEBHOOKS_EVENTS_PER_S ?? 160);
const TICK_MS = 50;
const DRAIN_BUDGET_MS = 120_000;
const TOTAL_BUDGET_MS = 540_000;
const log = (line: string) => console.error(line);

interface Receipt {
  latencyMs: number;
  at: number;
}

/** The subscriber: answers 200 at once and notes when each webhook-id first arrived. */
async function startReceiver() {
  const firstSeen = new Map<string, Receipt>();
  let posts = 0;
  let connections = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      posts++;
      const id = request.headers['webhook-id'];
      if (typeof id === 'string' && !id.startsWith('baseline') && !firstSeen.has(id)) {
        const { timestamp } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string };
        const now = Date.now();
        firstSeen.set(id, { latencyMs: now - Date.parse(timestamp), at: now });
      }
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    connections++;
    socket.setNoDelay(true);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, firstSeen, port: (server.address() as AddressInfo).port, posts: () => posts, connections: () => connections };
}

/** Raw POSTs from this process to the receiver: 20 loops, one request at a time each, for `ms`. */
async function baselinePostsPerS(port: number, ms: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: ENDPOINTS });
  const body = JSON.stringify({ type: 'baseline', timestamp: new Date().toISOString(), data: { organizationalUnitId: 'ou-baseline' } });
  const deadline = Date.now() + ms;
  let sent = 0;
  const loop = async () => {
    while (Date.now() < deadline) {
      await new Promise<void>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, path: '/baseline', method: 'POST', agent, headers: { 'content-type': 'application/json', 'webhook-id': `baseline_${sent}` } }, (response) => {
          response.resume();
          response.on('end', () => resolve());
        });
        request.on('error', reject);
        request.on('socket', (socket) => socket.setNoDelay(true));
        request.end(body);
      });
      sent++;
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: ENDPOINTS }, loop));
  agent.destroy();
  return sent / ((performance.now() - began) / 1000);
}

async function subscribe(client: GraphqlClient, organization: BenchOrganization, port: number): Promise<void> {
  for (let i = 0; i < ENDPOINTS; i++) {
    await client.must('mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } } }', { u: `http://127.0.0.1:${port}/hook/${i}` }, organization.apiKey);
  }
}

/** OrganizationalUnitCreated events under the root, `EVENTS_PER_S` a second in appends every TICK_MS, for SECONDS. */
async function appendSteadily(store: EventStore, organization: BenchOrganization): Promise<number> {
  const perTick = EVENTS_PER_S * (TICK_MS / 1000);
  const began = performance.now();
  let appended = 0;
  while (performance.now() - began < SECONDS * 1000) {
    const due = Math.floor(((performance.now() - began) / 1000) * EVENTS_PER_S + perTick) - appended;
    if (due > 0) {
      const at = new Date().toISOString();
      const events = Array.from({ length: due }, () => {
        const id = `${organization.rootId.replace('r-', 'ou-')}-${randomBytes(4).toString('hex')}`;
        return {
          type: 'OrganizationalUnitCreated',
          data: {
            organizationId: organization.organizationId,
            organizationalUnitId: id,
            arn: organizationalUnitArn(organization.managementAccountId, organization.organizationId, id),
            name: `bench ${id}`,
            parentId: organization.rootId,
            path: `${organization.organizationId}/${organization.rootId}/${id}/`,
            depth: 1,
            createdAt: at,
          },
        };
      });
      await store.append({ tenantId: organization.tenantId, streamId: organizationStreamId(organization.organizationId), expectedVersion: 'any', events, metadata: { principal: 'bench' } });
      appended += due;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  return appended;
}

/** p50/p99/max of the receipts in each window of `ms` after `began`: where in the run the slow ones were. */
function latencyWindows(receipts: Receipt[], began: number, ms: number): string {
  const windows = new Map<number, number[]>();
  for (const r of receipts) windows.set(Math.floor((r.at - began) / ms), [...(windows.get(Math.floor((r.at - began) / ms)) ?? []), r.latencyMs]);
  return [...windows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([w, l]) => {
      const sorted = l.sort((a, b) => a - b);
      return `${(w * ms) / 1000}s: ${percentile(sorted, 50)}/${percentile(sorted, 99)}/${sorted[sorted.length - 1]}`;
    })
    .join('  ');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const startedAt = performance.now();
  const scratch = await createScratch();
  const abort = (why: string, code: number) => {
    console.error(why);
    killAllChildren();
    void scratch.drop().finally(() => process.exit(code));
  };
  setTimeout(() => abort(`webhooks benchmark exceeded ${TOTAL_BUDGET_MS} ms, aborting`, 2), TOTAL_BUDGET_MS).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(`${signal}: stopping`, 130));
  const receiver = await startReceiver();
  const pool = createPool(scratch.databaseUrl, { max: 4 });
  try {
    await applyMigrations(scratch.databaseUrl);
    process.env.WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
    process.env.WEBHOOK_SECRETS_KEY ??= randomBytes(32).toString('base64');
    const service = await Service.start(scratch);
    const client = new GraphqlClient(service.apiPort);
    const organization = await createTenantWithOrganization(client, service.operatorToken, 'webhooks');
    await subscribe(client, organization, receiver.port);
    log(`baseline: raw POSTs to the receiver for 5 s`);
    const baseline = await baselinePostsPerS(receiver.port, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    receiver.firstSeen.clear();
    log(`appending ${EVENTS_PER_S} events/s for ${SECONDS} s to ${ENDPOINTS} endpoints`);
    const meter = new CpuMeter(ADMIN_URL, scratch.databaseName, () => service.pids);
    const connectionsBefore = receiver.connections();
    const began = Date.now();
    const { result: appended, cpu } = await meter.measure(() =>
      profiled(service, 'webhooks', async () => {
        const count = await appendSteadily(new EventStore(pool, coalescingNotifier(pool, EVENTS_APPENDED_CHANNEL)), organization);
        const drainDeadline = Date.now() + DRAIN_BUDGET_MS;
        while (receiver.firstSeen.size < count * ENDPOINTS && Date.now() < drainDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
        return count;
      }),
    );
    const expected = appended * ENDPOINTS;
    const receipts = [...receiver.firstSeen.values()];
    const metrics = await fetch(`http://127.0.0.1:${service.workerPort}/metrics`).then((r) => r.text());
    const attemptsDelivered = Number(/^orgs_webhook_attempts_total\{outcome="DELIVERED"\} (\d+)/m.exec(metrics)?.[1] ?? NaN);
    const lastAt = Math.max(...receipts.map((r) => r.at));
    const latencies = receipts.map((r) => r.latencyMs).sort((a, b) => a - b);
    const deliveriesPerS = receipts.length / ((lastAt - began) / 1000);
    log(`delivered ${receipts.length} of ${expected} in ${((lastAt - began) / 1000).toFixed(1)} s`);
    log(`latency by 5 s of receipt: ${latencyWindows(receipts, began, 5_000)}`);
    log(`worker: ${metrics.split('\n').filter((l) => /^orgs_projection_delay_seconds_bucket\{.*projection="webhooks"|^orgs_projection_delay_seconds_count\{projection="webhooks"/.test(l)).join('  ')}`);
    console.log(
      JSON.stringify({
        deliveries_per_s: round(deliveriesPerS, 0),
        delivery_p50_ms: latencies.length ? round(percentile(latencies, 50), 0) : null,
        delivery_p99_ms: latencies.length ? round(percentile(latencies, 99), 0) : null,
        delivery_max_ms: latencies.length ? latencies[latencies.length - 1] : null,
        deliveries: receipts.length,
        deliveries_expected: expected,
        events_appended: appended,
        events_per_s_target: EVENTS_PER_S,
        endpoints: ENDPOINTS,
        duration_s: SECONDS,
        baseline_raw_posts_per_s: round(baseline, 0),
        worker_attempts_delivered: attemptsDelivered,
        receiver_connections: receiver.connections() - connectionsBefore,
        worker_cpu_ms_per_delivery: round(cpu.workerMs / Math.max(1, receipts.length), 3),
        postgres_cpu_ms_per_delivery: round(cpu.postgresMs / Math.max(1, receipts.length), 3),
        bench_cpu_ms_per_delivery: round(cpu.benchMs / Math.max(1, receipts.length), 3),
        load_average: os.loadavg().map((l) => round(l, 2)),
        total_s: round((performance.now() - startedAt) / 1000, 1),
        node_version: process.version,
        cpus: os.cpus().length,
      }),
    );
  } finally {
    killAllChildren();
    receiver.server.close();
    await pool.end();
    await scratch.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

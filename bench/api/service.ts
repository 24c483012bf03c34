/**
 * The real service, as deployed: `node dist/apps/api/src/main.js` and `node dist/apps/worker/src/main.js`
 * as two child processes on the scratch database, each step bounded in time. Their log lines
 * (warn and above) go to our stderr, so stdout keeps only the results.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { API_ENTRY, CPU_PROFILE_DIR, CPU_PROFILE_PRELOAD, REDIS_URL, START_TIMEOUT_MS, WORKER_ENTRY } from './config';
import type { Scratch } from './scratch';

const STOP_TIMEOUT_MS = 10_000;

/** Every child ever started, so the watchdog and signal handlers can kill leftovers. */
const children = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const profilerArgs = () => (CPU_PROFILE_DIR ? ['--require', CPU_PROFILE_PRELOAD] : []);
const profilerEnv = (label: string) =>
  CPU_PROFILE_DIR ? { BENCH_API_CPU_PROF: CPU_PROFILE_DIR, BENCH_PROFILE_LABEL: label } : {};

function spawnApp(label: string, entry: string, env: NodeJS.ProcessEnv, execArgv: string[] = []): ChildProcess {
  // An IPC channel only for the profiler preload, which takes its orders through it.
  const stdio = execArgv.length > 0 ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'];
  const child = spawn(process.execPath, [...execArgv, entry], {
    env: { ...process.env, ...env },
    stdio: stdio as ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) process.stderr.write(`[${label}] ${line}\n`);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return child;
}

async function waitForHealth(child: ChildProcess, url: string, label: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${label} exited (${child.exitCode}) before answering ${url}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${label} did not answer ${url} within ${START_TIMEOUT_MS} ms`);
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export class Service {
  readonly operatorToken = `bench-operator-${randomBytes(12).toString('hex')}`;
  private api?: ChildProcess;
  private worker?: ChildProcess;
  private readonly env: NodeJS.ProcessEnv;

  private constructor(
    scratch: Scratch,
    readonly apiPort: number,
    readonly workerPort: number,
  ) {
    this.env = {
      DATABASE_URL: scratch.databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: scratch.redisPrefix,
      PORT: String(apiPort),
      WORKER_METRICS_PORT: String(workerPort),
      OPERATOR_TOKEN: this.operatorToken,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // Fixed for the run, so page tokens stay valid across the API restart of the long-stream phase.
      PAGINATION_SECRET: randomBytes(32).toString('hex'),
      // Set-up reads its own writes; on a loaded machine the projection can take longer than the default 2 s.
      CONSISTENCY_WAIT_MS: '15000',
      // Seals access key secrets (bench:aws-api signs with them).
      ACCESS_KEY_SECRETS_KEY: randomBytes(32).toString('hex'),
      // The worker runs its webhook delivery as deployed (no endpoints here: nothing is sent).
      WEBHOOK_SECRETS_KEY: randomBytes(32).toString('base64'),
    };
  }

  /** Migrations must have been applied: both processes would otherwise race to apply them. */
  static async start(scratch: Scratch): Promise<Service> {
    const service = new Service(scratch, await freePort(), await freePort());
    await Promise.all([service.startApi(), service.startWorker()]);
    return service;
  }

  get pids(): { api?: number; worker?: number } {
    const alive = (child?: ChildProcess) =>
      child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    return { api: alive(this.api), worker: alive(this.worker) };
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  /** Starts the API and resolves when /health answers; returns the milliseconds that took. */
  async startApi(): Promise<number> {
    const began = performance.now();
    this.api = spawnApp('api', API_ENTRY, { ...this.env, ...profilerEnv('api') }, profilerArgs());
    await waitForHealth(this.api, `${this.apiUrl}/health`, 'API');
    return performance.now() - began;
  }

  async stopApi(): Promise<void> {
    await stopChild(this.api);
  }

  async startWorker(): Promise<void> {
    this.worker = spawnApp('worker', WORKER_ENTRY, { ...this.env, ...profilerEnv('worker') }, profilerArgs());
    await waitForHealth(this.worker, `http://127.0.0.1:${this.workerPort}/health`, 'worker');
  }

  async stopWorker(): Promise<void> {
    await stopChild(this.worker);
  }

  /** Asks the profiler preload (cpu-profile.ts) of each running process to start, or to stop and write a profile; returns their labels. */
  profilers(order: 'start-profile' | 'stop-profile'): string[] {
    if (!CPU_PROFILE_DIR) return [];
    const running = [
      ['api', this.api],
      ['worker', this.worker],
    ] as const;
    return running.filter(([, child]) => child?.connected && child.send(order)).map(([label]) => label);
  }

  async stop(): Promise<void> {
    await Promise.all([stopChild(this.api), stopChild(this.worker)]);
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** The compiled entry points (globalSetup builds dist/ once per run). */
export const DIST = path.resolve(__dirname, '../../../../dist');

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output, or rejects after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** The exit code once the process ends by itself, or rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | null>;
}

/**
 * Test files run side by side on two cores with an API and a worker each: reads with a consistency
 * token wait up to 10 s instead of 2 (a test about the bound itself sets its own), and the launcher
 * gives its API 90 s to start. The secrets keys are fixed: tests never depend on them, they only
 * have to be there.
 */
const TEST_DEFAULTS = {
  CONSISTENCY_WAIT_MS: '10000',
  API_START_TIMEOUT_MS: '90000',
  ACCESS_KEY_SECRETS_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  WEBHOOK_SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
};

export function startService(entry: string, env: NodeJS.ProcessEnv): ServiceProcess {
  const file = path.join(DIST, entry);
  if (!existsSync(file)) throw new Error(`${file} is missing: the test run's globalSetup builds dist/ (npm run build).`);
  const child = spawn(process.execPath, [file], { env: { ...process.env, ...TEST_DEFAULTS, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async waitForOutput(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null) throw new Error(`${entry} exited (${child.exitCode}) before printing ${pattern}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`${entry} did not print ${pattern} within ${timeoutMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async exited(timeoutMs = 15_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${entry} did not exit within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      });
      try {
        await Promise.race([exited, timeout]);
        return child.exitCode;
      } finally {
        clearTimeout(timer);
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
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

export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

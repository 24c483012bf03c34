/**
 * Parent side of the server child: fork the compiled entry file in server mode,
 * wait for its port, and stop it again, each step bounded in time.
 */
import { ChildProcess, fork } from 'node:child_process';
import { DriverId, SERVE_ARG, SERVER_START_TIMEOUT_MS, SERVER_STOP_TIMEOUT_MS } from './config';
import type { ChildMessage, ParentMessage } from './server';

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

/** Every child ever started, so the watchdog can kill leftovers. */
const children = new Set<ChildProcess>();

export function killAllServers(): void {
  for (const child of children) child.kill('SIGKILL');
}

export async function startServer(entryFile: string, driver: DriverId): Promise<RunningServer> {
  const child = fork(entryFile, [SERVE_ARG, driver], {
    // Production mode, as deployed (Apollo and Express both branch on it).
    env: { ...process.env, NODE_ENV: 'production' },
    // Do not inherit e.g. --inspect from the parent.
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));

  try {
    const port = await waitForReady(child, driver);
    return { port, stop: () => stopServer(child) };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function waitForReady(child: ChildProcess, driver: DriverId): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${driver} server did not start within ${SERVER_START_TIMEOUT_MS} ms`)),
      SERVER_START_TIMEOUT_MS,
    );
    const settle = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: ChildMessage) => {
      settle();
      if (message.type === 'ready') resolve(message.port);
      else reject(new Error(`${driver} server failed to start:\n${message.message}`));
    };
    const onExit = (code: number | null, signal: string | null) => {
      settle();
      reject(new Error(`${driver} server exited before it was ready (code ${code}, signal ${signal})`));
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Ask for a graceful app.close(); kill if it does not exit in time. */
function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    const message: ParentMessage = { type: 'close' };
    child.send(message);
  });
}

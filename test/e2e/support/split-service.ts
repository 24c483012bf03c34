import { freePort, startService, testRedisPrefix, testRedisUrl, createTestDatabase, type ServiceProcess } from '@orgs/shared/testing';
import { graphqlClient } from '../graphql-client';
import { E2eService } from './e2e-service';

/**
 * The service as two processes the test controls, API and worker (not the launcher, which stops
 * everything when one child dies): a test can kill the worker -9 and start another.
 */
export class SplitService extends E2eService {
  worker?: ServiceProcess;
  workerMetricsUrl = '';
  private env: Record<string, string> = {};

  override async start(env: Record<string, string> = {}): Promise<void> {
    this.database = await createTestDatabase();
    const port = await freePort();
    this.env = {
      DATABASE_URL: this.database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: testRedisPrefix(),
      PORT: String(port),
      OPERATOR_TOKEN: this.operatorToken,
      LOG_LEVEL: 'warn',
      ...env,
    };
    this.service = startService('apps/api/src/main.js', this.env);
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.gql = graphqlClient(this.baseUrl);
    await this.waitForHealth(`${this.baseUrl}/health`, this.service);
    await this.startWorker();
  }

  /** Resolves once the worker serves its /health, that is, once it follows the log. */
  async startWorker(): Promise<void> {
    const metricsPort = await freePort();
    this.worker = startService('apps/worker/src/main.js', { ...this.env, WORKER_METRICS_PORT: String(metricsPort) });
    this.workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    await this.waitForHealth(`http://127.0.0.1:${metricsPort}/health`, this.worker);
  }

  async stopWorker(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.worker?.stop(signal);
    this.worker = undefined;
  }

  override async stop(): Promise<void> {
    await this.stopWorker();
    await super.stop();
  }

  private async waitForHealth(url: string, process: ServiceProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (process.child.exitCode !== null) throw new Error(`exited before answering ${url}:\n${process.output()}`);
      if (await fetch(url).then((r) => r.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Nothing answered ${url}:\n${process.output()}`);
  }
}

import { cleanUpRun } from './run-cleanup';
import { readTestEnvironment } from './test-environment';

/** Jest globalTeardown (see jest.config.js): drops this run's databases and Redis keys, stops its containers. */
export default async function globalTeardown(): Promise<void> {
  await cleanUpRun(readTestEnvironment() ?? {});
}

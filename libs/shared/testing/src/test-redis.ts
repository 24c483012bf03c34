import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runRedisPrefix, testEnvironment } from './test-environment';

let filePrefix: string | undefined;

/**
 * A Redis key prefix (BullMQ's `prefix` option) for this test file: the same for every call in the file,
 * different for every other file and run. Jest gives each test file its own module registry, hence its
 * own copy of this module. The globalTeardown deletes the run's keys.
 */
export function testRedisPrefix(): string {
  filePrefix ??= `${runRedisPrefix(testEnvironment().runId)}${testFileLabel()}:${randomBytes(4).toString('hex')}`;
  return filePrefix;
}

/** The Redis server of this test run. */
export function testRedisUrl(): string {
  return testEnvironment().redisUrl;
}

/** The test file's name, to tell whose keys are whose when looking at Redis. */
function testFileLabel(): string {
  const testPath = typeof expect === 'undefined' ? undefined : expect.getState().testPath;
  return testPath
    ? path
        .basename(testPath)
        .replace(/\.ts$/, '')
        .replace(/[^\w.-]/g, '_')
    : 'unknown';
}

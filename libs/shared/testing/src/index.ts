export * from './decider-specification';
export { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from './test-database';
export { testRedisPrefix, testRedisUrl } from './test-redis';
export * from './service-processes';
export * from './tcp-proxy';
export * from './throwaway-redis';

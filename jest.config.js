/** One Jest run over every tier: *.spec.ts (pure), *.int-spec.ts (real Postgres/Redis), *.e2e-spec.ts (HTTP). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: { '^@orgs/(.*)$': '<rootDir>/libs/$1/src/index.ts' },
  globalSetup: '<rootDir>/libs/shared/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/shared/testing/src/global-teardown.ts',
  // Hooks too: an e2e file's beforeAll starts an API and a worker, slow when two files start at once.
  testTimeout: 120000,
  maxWorkers: 2,
};

import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * Lint, plus the dependency rules of the layout: tags say a project's capability (scope) and its
 * layer (type); an inner layer importing an outer one fails `npm run lint`.
 */
const layers = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:adapter', 'type:projection', 'type:infra', 'type:domain'] },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:adapter', 'type:infra', 'type:domain'] },
  { sourceTag: 'type:projection', onlyDependOnLibsWithTags: ['type:infra', 'type:domain'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:domain'] },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain'],
    bannedExternalImports: ['@nestjs/*', '@prisma/*', 'bullmq', 'ioredis', 'pg', 'prom-client', 'pino'],
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['*'] },
];
const scopes = [
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:tenants', onlyDependOnLibsWithTags: ['scope:tenants', 'scope:shared'] },
  { sourceTag: 'scope:organizations', onlyDependOnLibsWithTags: ['scope:organizations', 'scope:shared'] },
  // The AWS wire edge serves the capabilities' own resolvers (libs/aws-wire).
  { sourceTag: 'scope:aws-wire', onlyDependOnLibsWithTags: ['scope:organizations', 'scope:tenants', 'scope:shared'] },
  // Billing reads the organization's events by type name (libs/billing/projection), never its code.
  { sourceTag: 'scope:billing', onlyDependOnLibsWithTags: ['scope:billing', 'scope:shared'] },
  // Webhooks get the organization's public events from the apps (a catalogue passed in), never its code.
  { sourceTag: 'scope:webhooks', onlyDependOnLibsWithTags: ['scope:webhooks', 'scope:shared'] },
];

export default [
  { ignores: ['node_modules/**', 'dist/**', '.nx/**', '**/generated/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [...layers, ...scopes],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests may also use the test helpers (given/when/then, test databases).
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          depConstraints: [
            ...layers.map((c) => ({ ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] })),
            ...scopes,
          ],
        },
      ],
    },
  },
  {
    // Production code never imports the test helpers.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/shared/testing/**', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@orgs/shared/testing', '**/shared/testing/**'], message: 'Test helpers are for tests only.' }] }],
    },
  },
  prettier,
];

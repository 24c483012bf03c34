#!/usr/bin/env node
/**
 * `npm run prisma:generate` (also the root package's postinstall): generates the Prisma Client for
 * prisma/schema.prisma into libs/shared/read-models/src/generated/prisma.
 *
 * Every Prisma CLI command first makes sure a native schema engine is present, downloading it if not,
 * and that download fails offline. `generate` never runs the engine; it only checks that the file
 * exists, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable (this Node binary) lets it
 * run with no network. Migrations use @prisma/schema-engine-wasm instead (libs/shared/read-models/src/migrations).
 */
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function prismaCli() {
  try {
    return require.resolve('prisma/build/index.js', { paths: [root] });
  } catch {
    return undefined;
  }
}

function main() {
  const cli = prismaCli();
  if (!cli) {
    // `npm ci --omit=dev` (a production image) has no Prisma CLI: the client must come with the build.
    console.warn('prisma-generate: the prisma package is not installed, skipping client generation');
    return 0;
  }
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1', // no version check against the registry
    CHECKPOINT_DISABLE: '1', // no telemetry call
  };
  const schema = path.join(root, 'prisma', 'schema.prisma');
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

process.exitCode = main();

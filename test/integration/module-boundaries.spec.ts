import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The layer rules are only worth something if a wrong import really fails `npm run lint`: probe
 * files are written into real projects, linted with the project's own command, then removed.
 */
const root = path.resolve(__dirname, '../..');

const probes = {
  nestInDomain: ['libs/organizations/domain/src/__probe_nest.ts', `import '@nestjs/common';\n`],
  prismaInDomain: ['libs/organizations/domain/src/__probe_prisma.ts', `import '@prisma/client';\n`],
  bullmqInDomain: ['libs/tenants/domain/src/__probe_bullmq.ts', `import 'bullmq';\n`],
  pgInDomain: ['libs/tenants/domain/src/__probe_pg.ts', `import 'pg';\n`],
  infraInDomain: ['libs/organizations/domain/src/__probe_infra.ts', `export * from '@orgs/shared/event-store';\n`],
  adapterInInfra: ['libs/shared/queue/src/__probe_adapter.ts', `export * from '@orgs/shared/nest';\n`],
  otherCapability: ['libs/tenants/domain/src/__probe_scope.ts', `export * from '@orgs/organizations/domain';\n`],
  allowed: ['libs/organizations/api/src/__probe_allowed.ts', `export * from '@orgs/organizations/domain';\nexport * from '@orgs/shared/nest';\n`],
} as const;

let messages: Record<keyof typeof probes, string>;

beforeAll(() => {
  for (const [file, code] of Object.values(probes)) writeFileSync(path.join(root, file), code);
  try {
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
    const files = Object.values(probes).map(([file]) => file);
    const run = spawnSync('npx', ['eslint', '--format', 'json', ...files], { cwd: root, encoding: 'utf8' });
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { message: string }[] }[];
    messages = Object.fromEntries(
      Object.entries(probes).map(([name, [file]]) => [
        name,
        results.find((r) => r.filePath === path.join(root, file))?.messages.map((m) => m.message).join('\n') ?? 'NOT LINTED',
      ]),
    ) as typeof messages;
  } finally {
    for (const [file] of Object.values(probes)) rmSync(path.join(root, file), { force: true });
  }
}, 180_000);

it('refuses NestJS, Prisma, BullMQ and pg in the domain', () => {
  expect(messages.nestInDomain).toMatch(/type:domain" is not allowed to import "@nestjs\/common"/);
  expect(messages.prismaInDomain).toMatch(/type:domain" is not allowed to import "@prisma\/client"/);
  expect(messages.bullmqInDomain).toMatch(/type:domain" is not allowed to import "bullmq"/);
  expect(messages.pgInDomain).toMatch(/type:domain" is not allowed to import "pg"/);
});

it('refuses an inner layer importing an outer one, and one capability reaching into another', () => {
  expect(messages.infraInDomain).toMatch(/type:domain/);
  expect(messages.adapterInInfra).toMatch(/type:infra/);
  expect(messages.otherCapability).toMatch(/scope:tenants/);
});

it('accepts the allowed direction', () => {
  expect(messages.allowed).toBe('');
});

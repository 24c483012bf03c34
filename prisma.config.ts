/**
 * Prisma CLI configuration (Prisma 7 reads the database URL from here, no longer from schema.prisma).
 * Only used where the native Prisma CLI works (`prisma migrate status/deploy`, `prisma studio`);
 * this repository itself migrates with `npm run db:migrate` / `npm run db:migration` (no native engine).
 * Generating the client needs no URL: see tools/prisma-generate.js.
 */
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/orgs' },
});

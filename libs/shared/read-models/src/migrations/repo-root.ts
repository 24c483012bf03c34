import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder that holds `prisma/schema.prisma`, found by walking up from `start`. This code runs from
 * `libs/...` under Jest and from `dist/libs/...` once compiled, so a fixed `../..` would be wrong in one
 * of them; `dist/` has no `prisma/` folder, so the walk passes it and stops at the checkout.
 */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'prisma', 'schema.prisma'))) return dir;
    if (path.dirname(dir) === dir) {
      throw new Error(`No prisma/schema.prisma found in ${start} or any folder above it`);
    }
  }
}

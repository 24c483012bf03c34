import { readFileSync } from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports, @nx/enforce-module-boundaries
const { render, target } = require('../../../../../tools/generate-aws-model.js');

describe('generated AWS model names', () => {
  it('are up to date with organizations-model.json (run node tools/generate-aws-model.js)', () => {
    expect(readFileSync(target, 'utf8')).toBe(render());
  });
});

import { ORGANIZATION_COMMAND_TYPES, ORGANIZATION_EVENT_TYPES } from './organization';

describe('the organization aggregate', () => {
  it.each([
    ['command', ORGANIZATION_COMMAND_TYPES],
    ['event', ORGANIZATION_EVENT_TYPES],
  ])('gives each %s type to exactly one capability', (_, sets) => {
    const all = sets.flatMap((set) => [...set]);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(1);
  });
});

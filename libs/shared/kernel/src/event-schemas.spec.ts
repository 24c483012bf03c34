import { EventSchemas, type EventUpcaster } from './event-schemas';

const recorded = { recordedAt: new Date('2026-01-01T00:00:00Z') };
const renamed: EventUpcaster = { type: 'Thing', fromVersion: 1, upcast: (d) => ({ name: (d as { title: string }).title }) };
const stamped: EventUpcaster = {
  type: 'Thing',
  fromVersion: 2,
  upcast: (d, r) => ({ ...(d as object), at: r.recordedAt.toISOString() }),
};

it('writes a type at version 1 plus one per upcaster, and others at 1', () => {
  const schemas = new EventSchemas([stamped, renamed]);
  expect(schemas.currentVersion('Thing')).toBe(3);
  expect(schemas.currentVersion('Other')).toBe(1);
});

it('runs every step from the stored version on, in order', () => {
  const schemas = new EventSchemas([stamped, renamed]);
  expect(schemas.upcast('Thing', 1, { title: 'a' }, recorded)).toEqual({ name: 'a', at: '2026-01-01T00:00:00.000Z' });
  expect(schemas.upcast('Thing', 2, { name: 'b' }, recorded)).toEqual({ name: 'b', at: '2026-01-01T00:00:00.000Z' });
  expect(schemas.upcast('Thing', 3, { name: 'c', at: 'x' }, recorded)).toEqual({ name: 'c', at: 'x' });
});

it('refuses a chain with a gap: an event of the missing version could not be read', () => {
  expect(() => new EventSchemas([stamped])).toThrow(/without gaps/);
  expect(() => new EventSchemas([renamed, renamed])).toThrow(/without gaps/);
});

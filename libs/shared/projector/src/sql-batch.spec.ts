import { join, json, list, literal, sql, SqlBatch, type SqlText } from './sql-batch';

it('writes strings as escaped literals, quotes and backslashes included', () => {
  expect(sql`SELECT ${"O'Brien"}`.text).toBe(`SELECT 'O''Brien'`);
  expect(literal('a\\b')).toBe(" E'a\\\\b'");
  expect(sql`x = ${"'; DROP TABLE accounts; --"}`.text).toBe(`x = '''; DROP TABLE accounts; --'`);
});

it('writes numbers, bigints, booleans, dates and nulls as SQL values', () => {
  expect(sql`${1}, ${2n ** 70n}, ${true}, ${false}, ${null}, ${undefined}`.text).toBe('1, 1180591620717411303424, TRUE, FALSE, NULL, NULL');
  expect(literal(new Date('2026-12-03T10:00:00.000Z'))).toBe(`'2026-12-03T10:00:00.000Z'::timestamptz`);
});

it('refuses what has no literal form rather than guessing', () => {
  expect(() => literal(Number.NaN)).toThrow(/finite/);
  expect(() => literal({ a: 1 })).toThrow(/json/);
  expect(() => literal(['a'])).toThrow(/json/);
});

it('writes JSON as jsonb, nested fragments as they are, lists and joins', () => {
  expect(json([{ type: "it's" }]).text).toBe(`'[{"type":"it''s"}]'::jsonb`);
  expect(sql`IN (${list(['a', 'b'])})`.text).toBe(`IN ('a', 'b')`);
  expect(sql`IN (${list([])})`.text).toBe('IN (NULL)');
  expect(sql`VALUES ${join([sql`(${1})`, sql`(${2})`])}`.text).toBe('VALUES (1), (2)');
});

it('collects statements in order, skipping the events that write nothing', () => {
  const batch = new SqlBatch();
  batch.add(sql`SELECT ${1}`);
  batch.add(null);
  batch.add(sql`SELECT ${2}`);
  expect(batch.size).toBe(2);
  expect(batch.take()).toBe('SELECT 1;\nSELECT 2');
  expect(batch.size).toBe(0);
});

it('puts rows added one after another into one statement, and starts another after any other statement', () => {
  const batch = new SqlBatch();
  const insert = { render: (rows: SqlText) => sql`INSERT INTO t VALUES ${rows}` };
  batch.addRow(insert, sql`(${1})`);
  batch.addRow(insert, sql`(${2})`);
  batch.add(sql`DELETE FROM t WHERE v = ${1}`);
  batch.addRow(insert, sql`(${3})`);
  expect(batch.take()).toBe('INSERT INTO t VALUES (1),\n(2);\nDELETE FROM t WHERE v = 1;\nINSERT INTO t VALUES (3)');
});

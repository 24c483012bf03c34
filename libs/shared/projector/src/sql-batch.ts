import { escapeLiteral } from 'pg';

/**
 * SQL statements with their values written in as literals, so that a whole projection batch goes
 * to Postgres as ONE simple query, which Postgres runs as one transaction: a round trip per
 * statement was most of what projecting cost. Values are escaped by type here and nowhere else.
 */
export class SqlText {
  constructor(readonly text: string) {}
}

export type SqlValue = string | number | bigint | boolean | Date | null | undefined | SqlText | readonly unknown[] | object;

/** `sql\`UPDATE accounts SET name = ${name} WHERE id = ${id}\``: every value becomes a literal. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlText {
  let text = strings[0];
  for (let i = 0; i < values.length; i++) text += literal(values[i]) + strings[i + 1];
  return new SqlText(text);
}

/** A JSON value as a jsonb literal (the template's `${json(x)}` must not be cast again). */
export const json = (value: unknown): SqlText => new SqlText(`${escapeLiteral(JSON.stringify(value))}::jsonb`);

/** Statement fragments joined, e.g. the rows of one INSERT's VALUES. */
export const join = (parts: readonly SqlText[], separator = ', '): SqlText => new SqlText(parts.map((p) => p.text).join(separator));

/** `IN (${list(ids)})`; an empty list matches nothing. */
export const list = (values: readonly (string | number)[]): SqlText =>
  new SqlText(values.length === 0 ? 'NULL' : values.map((v) => literal(v)).join(', '));

export function literal(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof SqlText) return value.text;
  switch (typeof value) {
    case 'string':
      return escapeLiteral(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`Not a finite number for SQL: ${value}`);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
  }
  if (value instanceof Date) return `${escapeLiteral(value.toISOString())}::timestamptz`;
  throw new Error('Objects go into SQL through json(value)');
}

/**
 * Rows that consecutive events add to one statement (`addRow`): events of a batch that each insert
 * a row or two go to Postgres as one multi-row statement, planned once, instead of one each.
 */
export interface RowStatement {
  /** The statement for the rows, e.g. `INSERT ... SELECT ... FROM (VALUES ${rows}) AS r(...)`. */
  render(rows: SqlText): SqlText;
}

type Entry = string | { statement: RowStatement; rows: string[] };

/** What a projection handler writes to: statements collected for the batch, in event order. */
export class SqlBatch {
  private readonly entries: Entry[] = [];

  /** A statement, or none (null: nothing to write for this event). */
  add(statement: SqlText | null): void {
    if (statement) this.entries.push(statement.text);
  }

  /**
   * A row of a RowStatement. Rows added one after another share one statement; any other
   * statement between them starts a new one, so the batch's order of effects is kept.
   */
  addRow(statement: RowStatement, row: SqlText): void {
    const last = this.entries[this.entries.length - 1];
    if (typeof last === 'object' && last.statement === statement) last.rows.push(row.text);
    else this.entries.push({ statement, rows: [row.text] });
  }

  get size(): number {
    return this.entries.length;
  }

  /** The statements so far as one script, and forget them. */
  take(): string {
    const script = this.entries
      .map((entry) => (typeof entry === 'string' ? entry : entry.statement.render(new SqlText(entry.rows.join(',\n'))).text))
      .join(';\n');
    this.entries.length = 0;
    return script;
  }
}

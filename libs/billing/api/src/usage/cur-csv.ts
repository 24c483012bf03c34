import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { UsageRecordRejected, type UsageFieldNames } from '@orgs/billing/domain';
import type { NumberedRecord } from './usage-ingestion.service';

/** Cost and Usage Report columns (legacy names, billing.md 5), as rejections name them. */
export const CUR_FIELDS: UsageFieldNames = {
  accountId: 'lineItem/UsageAccountId',
  productCode: 'lineItem/ProductCode',
  usageType: 'lineItem/UsageType',
  quantity: 'lineItem/UsageAmount',
  usageStart: 'lineItem/UsageStartDate',
  usageEnd: 'lineItem/UsageEndDate',
  region: 'product/region',
  unit: 'pricing/unit',
  tags: 'resourceTags/user:*',
};
const REQUIRED = ['accountId', 'productCode', 'usageType', 'quantity', 'usageStart', 'usageEnd'] as const;
const TAG_PREFIX = 'resourceTags/user:';

/**
 * The rows of an uploaded report, numbered by their line in the file (the header is line 1). A
 * row csv-parse cannot read (an unclosed quote, a wrong number of cells) is refused with its line.
 */
export async function* curRecords(body: Readable): AsyncGenerator<NumberedRecord> {
  const parser = body.pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true, info: true }));
  let columns: Map<string, number> | undefined;
  let tagColumns: [string, number][] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = new Map(record.map((name, index) => [name.trim(), index]));
        const missing = REQUIRED.find((field) => !columns?.has(CUR_FIELDS[field]));
        if (missing) throw new UsageRecordRejected('InvalidInputException', 1, CUR_FIELDS[missing], 'the header lacks this column', 'INPUT_REQUIRED');
        tagColumns = [...columns.entries()].filter(([name]) => name.startsWith(TAG_PREFIX)).map(([name, i]) => [name.slice(TAG_PREFIX.length), i]);
        continue;
      }
      yield { line: info.lines, input: recordOf(record, columns, tagColumns) };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw new UsageRecordRejected('InvalidInputException', line, '(row)', `malformed CSV (${error.code})`, 'INVALID_PATTERN');
    }
    throw error;
  }
}

function recordOf(cells: string[], columns: Map<string, number>, tagColumns: [string, number][]) {
  const cell = (field: keyof UsageFieldNames) => {
    const index = columns.get(CUR_FIELDS[field]);
    return index === undefined ? undefined : cells[index];
  };
  const tags: Record<string, string> = {};
  for (const [key, index] of tagColumns) if (cells[index]) tags[key] = cells[index];
  return {
    accountId: cell('accountId') as string,
    productCode: cell('productCode') as string,
    usageType: cell('usageType') as string,
    quantity: cell('quantity') as string,
    usageStart: cell('usageStart') as string,
    usageEnd: cell('usageEnd') as string,
    region: cell('region'),
    unit: cell('unit') || undefined,
    tags,
  };
}

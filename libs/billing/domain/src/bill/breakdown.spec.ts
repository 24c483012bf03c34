import { decimal } from '../money/decimal';
import type { BillLine } from './compute-bill';
import { drillDown, filterLines, groupLines, Structure } from './breakdown';

const structure = new Structure([
  { id: 'r-1', name: 'Root', type: 'ROOT', parentId: null },
  { id: 'ou-1', name: 'Prod', type: 'ORGANIZATIONAL_UNIT', parentId: 'r-1' },
  { id: 'ou-2', name: 'Web', type: 'ORGANIZATIONAL_UNIT', parentId: 'ou-1' },
]);
const line = (accountId: string, parentId: string, productCode: string, cost: bigint, tags: Record<string, string> = {}): BillLine => ({
  accountId, parentId, productCode, usageType: `${productCode}-usage`, tags, quantity: decimal('1'), cost,
});
const lines = [line('a', 'r-1', 'AmazonS3', 100n), line('b', 'ou-1', 'AmazonEC2', 250n, { team: 'x' }), line('c', 'ou-2', 'AmazonEC2', 50n, { team: 'y' }), line('c', 'ou-2', 'AmazonS3', 7n)];

describe('breakdowns', () => {
  it('groups by service, the costliest first', () => {
    expect(groupLines(lines, [{ dimension: 'SERVICE' }]).map((g) => [g.keys, g.cost])).toEqual([[['AmazonEC2'], 300n], [['AmazonS3'], 107n]]);
  });

  it('groups by a tag key, untagged usage under the empty value', () => {
    expect(groupLines(lines, [{ dimension: 'TAG', tagKey: 'team' }]).map((g) => [g.keys[0], g.cost])).toEqual([['x', 250n], ['', 107n], ['y', 50n]]);
  });

  it('groups by two dimensions at once', () => {
    expect(groupLines(lines, [{ dimension: 'ORGANIZATIONAL_UNIT' }, { dimension: 'SERVICE' }]).map((g) => g.keys.join('/'))).toEqual(['ou-1/AmazonEC2', 'r-1/AmazonS3', 'ou-2/AmazonEC2', 'ou-2/AmazonS3']);
  });

  it('filters by OU subtree, service and tag', () => {
    expect(filterLines(lines, { organizationalUnitIds: ['ou-1'] }, structure).map((l) => l.accountId)).toEqual(['b', 'c', 'c']);
    expect(filterLines(lines, { productCodes: ['AmazonS3'], tags: [{ key: 'team', values: [''] }] }, structure).map((l) => l.accountId)).toEqual(['a', 'c']);
  });

  it('drills from the root through OUs to accounts with rolled-up costs', () => {
    const top = drillDown(lines, structure, 'r-1', (id) => `acct ${id}`)!;
    expect(top.node.cost).toBe(407n);
    expect(top.children.map((c) => [c.id, c.type, c.cost])).toEqual([['ou-1', 'ORGANIZATIONAL_UNIT', 307n], ['a', 'ACCOUNT', 100n]]);
    expect(drillDown(lines, structure, 'ou-2', String)!.children.map((c) => [c.id, c.cost])).toEqual([['c', 57n]]);
  });
});

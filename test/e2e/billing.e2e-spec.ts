import { E2eService, codeOf, uniqueEmail } from './support/e2e-service';

/**
 * Consolidated billing over HTTP only: usage in through GraphQL and the CSV upload, the bill out,
 * for the management account and a member; bad batches record nothing; a closed month's late
 * usage becomes an adjustment of the next open month.
 */
const orgs = new E2eService('e2e-billing-operator');
const month = new Date().toISOString().slice(0, 7);
const previousMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
let org: Awaited<ReturnType<E2eService['organization']>>;
let member: { accountId: string; key: string };
let joinedAfter: number;
let joined: number;
let ouId: string;

const iso = (ms: number) => new Date(ms).toISOString();
const s3 = (accountId: string, quantity: string, startMs: number, tags?: { key: string; value: string }[]) => ({
  accountId, productCode: 'AmazonS3', usageType: 'TimedStorage-ByteHrs', region: 'us-east-1', quantity, usageStart: iso(startMs), usageEnd: iso(startMs + 60_000), tags,
});
const RECORD = 'mutation($b: String!, $r: [UsageRecordInput!]!) { recordUsage(input: { batchId: $b, records: $r }) { batchId recordCount duplicate consistencyToken } }';
const BILL = `query($p: String!, $g: [BillGroupByInput!], $t: String) { bill(period: $p, groupBy: $g, consistencyToken: $t) { bill {
  status total standaloneTotal savings adjustmentsTotal groups { keys cost quantity } accounts { accountId cost standaloneCost savings }
  drillDown { node { id cost } children { id type cost } } lineItems { lineType adjustedPeriod accountId parentId cost quantity } } } }`;

type BillData = { bill: { bill: { status: string; total: string; standaloneTotal: string; savings: string; adjustmentsTotal: string; groups: { keys: string[]; cost: string }[];
  accounts: { accountId: string; cost: string; standaloneCost: string }[]; drillDown: { node: { id: string; cost: string }; children: { id: string; type: string; cost: string }[] };
  lineItems: { lineType: string; adjustedPeriod: string | null; accountId: string; parentId: string; cost: string }[] } } };
const bill = async (key: string, period = month, groupBy?: object[], token?: string) => (await orgs.ok<BillData>(BILL, key, { p: period, g: groupBy, t: token })).bill.bill;
const record = (key: string, batchId: string, records: object[]) => orgs.call<{ recordUsage: { recordCount: number; duplicate: boolean; consistencyToken: string } }>(RECORD, key, { b: batchId, r: records });

async function upload(key: string | null, batchId: string, csv: string) {
  const response = await fetch(`${orgs.baseUrl}/billing/usage?batchId=${batchId}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: csv,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const CSV_HEADER = 'lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UsageStartDate,lineItem/UsageEndDate,product/region,resourceTags/user:team';

beforeAll(async () => {
  await orgs.start();
  org = await orgs.organization('Billing e2e');
  const { registerStandaloneAccount } = await orgs.ok<{ registerStandaloneAccount: { account: { id: string }; apiKey: string } }>(
    'mutation($e: String!) { registerStandaloneAccount(input: { email: $e, accountName: "Member" }) { account { id } apiKey } }', org.key, { e: uniqueEmail('billing') });
  member = { accountId: registerStandaloneAccount.account.id, key: registerStandaloneAccount.apiKey };
  const { inviteAccountToOrganization } = await orgs.ok<{ inviteAccountToOrganization: { handshake: { id: string } } }>(
    'mutation($id: String!) { inviteAccountToOrganization(input: { target: { id: $id, type: ACCOUNT } }) { handshake { id } } }', org.key, { id: member.accountId });
  await new Promise((resolve) => setTimeout(resolve, 20));
  await orgs.ok('mutation($h: String!) { acceptHandshake(input: { handshakeId: $h }) { handshake { state } } }', member.key, { h: inviteAccountToOrganization.handshake.id });
  joined = Date.now();
  joinedAfter = joined + 1_000;
  const { createOrganizationalUnit } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
    'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Storage" }) { organizationalUnit { id } } }', org.key, { p: org.rootId });
  ouId = createOrganizationalUnit.organizationalUnit.id;
}, 120_000);
afterAll(() => orgs.stop());

describe('usage in, the bill out', () => {
  let token: string;

  it('bills two accounts whose combined storage crosses a tier at the blended rate, and leaves out usage from before the member joined', async () => {
    const monthStart = Date.parse(`${month}-01T00:00:00Z`);
    // Before joining, the member's usage is its old owner's (when the month started before it joined).
    const beforeJoining = joinedAfter - 120_000 > monthStart ? [s3(member.accountId, '99999', joinedAfter - 120_000)] : [];
    const { data } = await record(org.key, 'worked-example', [s3(org.accountId, '40960', joinedAfter), s3(member.accountId, '20480', joinedAfter), ...beforeJoining]);
    token = data!.recordUsage.consistencyToken;
    const b = await bill(org.key, month, [{ dimension: 'ACCOUNT' }], token);
    // 51,200 x 0.023 + 10,240 x 0.022 = 1,402.88; alone 942.08 + 471.04 = 1,413.12.
    expect([b.status, b.total, b.standaloneTotal, b.savings]).toEqual(['OPEN', '1402.88', '1413.12', '10.24']);
    expect(Object.fromEntries(b.groups.map((g) => [g.keys[0], g.cost]))).toEqual({ [org.accountId]: '935.25', [member.accountId]: '467.63' });
  });

  it('shows a member its own usage and cost, and nothing of other accounts', async () => {
    const b = await bill(member.key, month, [{ dimension: 'ACCOUNT' }], token);
    expect(b.total).toBe('467.63');
    expect(JSON.stringify(b)).not.toContain(org.accountId);
  });

  it('splits an account\'s cost between its parents by usage time when it moves mid-month', async () => {
    // Inside the member's time in the root: it joined at `joined` and moves now.
    const before = joined + 50;
    const { moveAccount } = await orgs.ok<{ moveAccount: { consistencyToken: string } }>(
      'mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }',
      org.key, { a: member.accountId, s: org.rootId, d: ouId });
    const after = Date.now() + 5_000;
    await record(org.key, 'moved', [{ ...s3(member.accountId, '1', before), usageType: 'BoxUsage:m5.large', productCode: 'AmazonEC2', usageEnd: iso(before + 1) }, { ...s3(member.accountId, '2', after), usageType: 'BoxUsage:m5.large', productCode: 'AmazonEC2' }]);
    const b = await bill(org.key, month, [{ dimension: 'ORGANIZATIONAL_UNIT' }, { dimension: 'SERVICE' }], moveAccount.consistencyToken);
    // 1 hour at 0.096 in the root before the move, 2 hours (0.192) in the OU after it.
    expect(b.groups.find((g) => g.keys.join() === `${org.rootId},AmazonEC2`)?.cost).toBe('0.10');
    expect(b.groups.find((g) => g.keys.join() === `${ouId},AmazonEC2`)?.cost).toBe('0.19');
    // The drill-down rolls up everything in the OU (the member's storage record spans the move too).
    const inOu = b.groups.filter((g) => g.keys[0] === ouId).reduce((cents, g) => cents + Math.round(Number(g.cost) * 100), 0);
    expect(b.drillDown.children.find((c) => c.id === ouId)).toMatchObject({ type: 'ORGANIZATIONAL_UNIT', cost: (inOu / 100).toFixed(2) });
    expect(b.drillDown.node).toMatchObject({ id: org.rootId, cost: b.total });
  });
});

describe('bad input records nothing of its batch', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['an unknown account', { accountId: '000000000001' }, 'AccountNotFoundException'],
    ['a negative quantity', { quantity: '-5' }, 'InvalidInputException'],
    ['an end before the start', { usageEnd: '2000-01-01T00:00:00Z' }, 'InvalidInputException'],
    ['an unknown usage type', { usageType: 'NoSuchUsage' }, 'InvalidInputException'],
  ];
  it.each(cases)('refuses %s on line 2, naming the field', async (_, change, code) => {
    const before = await bill(org.key);
    const result = await record(org.key, `bad-${code}-${Object.keys(change)[0]}`, [s3(org.accountId, '5', Date.now()), { ...s3(org.accountId, '5', Date.now()), ...change }]);
    expect(codeOf(result)).toBe(code);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^Line 2, ${Object.keys(change)[0]}: `));
    expect(await bill(org.key)).toEqual(before);
  });

  it('refuses another tenant\'s account as an unknown one', async () => {
    const other = await orgs.tenant('Other billing tenant');
    const result = await record(org.key, 'foreign', [s3(other.accountId, '5', Date.now())]);
    expect(codeOf(result)).toBe('AccountNotFoundException');
  });
});

describe('the CSV upload', () => {
  // Within the last second: the management account has been a member since the organization was created.
  const row = (accountId: string, amount: string, team = '') => `${accountId},AmazonEC2,BoxUsage:t3.micro,${amount},${iso(Date.now() - 1_000)},${iso(Date.now())},us-east-1,${team}`;

  it('records a report once, however often it is sent, authenticated like GraphQL', async () => {
    const csv = [CSV_HEADER, row(org.accountId, '100', 'web'), row(org.accountId, '50')].join('\n');
    expect((await upload(null, 'cur-1', csv)).status).toBe(401);
    expect((await upload(member.key, 'cur-1', csv)).status).toBe(403);
    const first = await upload(org.key, 'cur-1', csv);
    expect(first).toMatchObject({ status: 201, body: { recordCount: 2, duplicate: false } });
    const again = await upload(org.key, 'cur-1', csv);
    expect(again).toMatchObject({ status: 201, body: { recordCount: 2, duplicate: true } });
    const b = await bill(org.key, month, [{ dimension: 'TAG', tagKey: 'team' }, { dimension: 'USAGE_TYPE' }], again.body.consistencyToken as string);
    // 150 hours at 0.0104, once: 1.04 tagged web, 0.52 untagged.
    expect(b.groups.filter((g) => g.keys[1] === 'BoxUsage:t3.micro').map((g) => [g.keys[0], g.cost])).toEqual([['web', '1.04'], ['', '0.52']]);
  });

  it('refuses a malformed row with its line and records nothing of the file', async () => {
    const before = await bill(org.key);
    const csv = [CSV_HEADER, row(org.accountId, '100'), '"unclosed,AmazonEC2'].join('\n');
    expect(await upload(org.key, 'cur-bad', csv)).toMatchObject({ status: 400, body: { __type: 'InvalidInputException', line: 3, field: '(row)' } });
    const negative = [CSV_HEADER, row(org.accountId, '100'), row(org.accountId, '-1')].join('\n');
    expect(await upload(org.key, 'cur-bad', negative)).toMatchObject({ status: 400, body: { line: 3, field: 'lineItem/UsageAmount', reason: 'MIN_VALUE_EXCEEDED' } });
    expect(await bill(org.key)).toEqual(before);
  });

  it('downloads the bill as CSV', async () => {
    const response = await fetch(`${orgs.baseUrl}/billing/bill.csv?period=${month}`, { headers: { authorization: `Bearer ${org.key}` } });
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    expect(text.split('\n')[0]).toBe('period,lineType,adjustedPeriod,accountId,accountName,parentId,productCode,usageType,tags,quantity,cost');
    expect(text).toContain(`${month},TOTAL`);
  });
});

describe('closing a month', () => {
  it('freezes the invoice; late usage of it is billed as an adjustment of the next open month', async () => {
    const lastMonth = Date.parse(`${previousMonth}-15T00:00:00Z`);
    // The management account was a member since the organization was created (this month): earlier usage is not the organization's.
    await record(org.key, 'last-month', [s3(org.accountId, '10', lastMonth)]);
    const { closeBillingPeriod } = await orgs.ok<{ closeBillingPeriod: { total: string; consistencyToken: string } }>(
      'mutation($p: String!) { closeBillingPeriod(input: { period: $p }) { total consistencyToken } }', org.key, { p: previousMonth });
    expect(closeBillingPeriod.total).toBe('0.00');
    const closed = await bill(org.key, previousMonth, [], closeBillingPeriod.consistencyToken);
    expect(closed.status).toBe('CLOSED');
    const again = await orgs.call('mutation($p: String!) { closeBillingPeriod(input: { period: $p }) { total } }', org.key, { p: previousMonth });
    expect(codeOf(again)).toBe('ConflictException');
    const open = await orgs.call('mutation($p: String!) { closeBillingPeriod(input: { period: $p }) { total } }', org.key, { p: month });
    expect(codeOf(open)).toBe('InvalidInputException');
  });
});

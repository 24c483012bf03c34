import { E2eService, codeOf, uniqueEmail } from './support/e2e-service';

/**
 * Who reads the bill (the delegated administrator of billing: all of it, read only; a member, or a
 * delegated administrator of another service: its own share), and the CUR upload's validation in
 * SQL: every kind of bad row refused with its line and field, nothing of the file recorded; tags
 * from a report land in the same monthly sum as the same tags sent over GraphQL.
 */
const orgs = new E2eService('e2e-billing-readers-operator');
const BILLING = 'billing-cost-management.amazonaws.com';
const SSO = 'sso.amazonaws.com';
const HEADER = 'lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UsageStartDate,lineItem/UsageEndDate,product/region,resourceTags/user:team';

let org: Awaited<ReturnType<E2eService['organization']>>;
let billingAdmin: { accountId: string; key: string };
let ssoAdmin: { accountId: string; key: string };
let foreignAccountId: string;

/** The month after this one: every account of the test is a member all of it. */
const nextMonth = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
})();
const period = nextMonth.toISOString().slice(0, 7);
const at = (hours: number) => new Date(nextMonth.getTime() + hours * 3_600_000).toISOString();

const RECORD = 'mutation($b: String!, $r: [UsageRecordInput!]!) { recordUsage(input: { batchId: $b, records: $r }) { recordCount consistencyToken } }';
const BILL = 'query($p: String!, $t: String) { bill(period: $p, groupBy: [{ dimension: ACCOUNT }], consistencyToken: $t) { bill { total groups { keys cost } accounts { accountId } } } }';
type BillData = { bill: { bill: { total: string; groups: { keys: string[]; cost: string }[]; accounts: { accountId: string }[] } } };
const ec2 = (accountId: string, hours: string, tags?: { key: string; value: string }[]) => ({
  accountId, productCode: 'AmazonEC2', usageType: 'BoxUsage:m5.large', region: 'us-east-1', quantity: hours, usageStart: at(1), usageEnd: at(2), tags,
});

async function member(name: string) {
  const { registerStandaloneAccount } = await orgs.ok<{ registerStandaloneAccount: { account: { id: string }; apiKey: string } }>(
    'mutation($e: String!, $n: String!) { registerStandaloneAccount(input: { email: $e, accountName: $n }) { account { id } apiKey } }', org.key, { e: uniqueEmail(name), n: name });
  const { inviteAccountToOrganization } = await orgs.ok<{ inviteAccountToOrganization: { handshake: { id: string } } }>(
    'mutation($id: String!) { inviteAccountToOrganization(input: { target: { id: $id, type: ACCOUNT } }) { handshake { id } } }', org.key, { id: registerStandaloneAccount.account.id });
  await orgs.ok('mutation($h: String!) { acceptHandshake(input: { handshakeId: $h }) { handshake { state } } }', registerStandaloneAccount.apiKey, { h: inviteAccountToOrganization.handshake.id });
  return { accountId: registerStandaloneAccount.account.id, key: registerStandaloneAccount.apiKey };
}

async function delegate(accountId: string, servicePrincipal: string): Promise<string> {
  await orgs.ok('mutation($p: String!) { enableAWSServiceAccess(input: { servicePrincipal: $p }) { consistencyToken } }', org.key, { p: servicePrincipal });
  const { registerDelegatedAdministrator } = await orgs.ok<{ registerDelegatedAdministrator: { consistencyToken: string } }>(
    'mutation($a: String!, $p: String!) { registerDelegatedAdministrator(input: { accountId: $a, servicePrincipal: $p }) { consistencyToken } }', org.key, { a: accountId, p: servicePrincipal });
  // The organization's read model has it once the listing (which waits for the token) shows it.
  await orgs.ok('query($p: String!, $t: String) { listDelegatedAdministrators(servicePrincipal: $p, consistencyToken: $t) { delegatedAdministrators { id } } }', org.key, {
    p: servicePrincipal, t: registerDelegatedAdministrator.consistencyToken });
  return registerDelegatedAdministrator.consistencyToken;
}

async function upload(key: string, batchId: string, csv: string) {
  const response = await fetch(`${orgs.baseUrl}/billing/usage?batchId=${batchId}`, {
    method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` }, body: csv,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const bill = async (key: string, token?: string) => (await orgs.ok<BillData>(BILL, key, { p: period, t: token })).bill.bill;
const recorded = async () => (await orgs.sql<{ n: number }>('SELECT count(*)::int AS n FROM billing_usage_records WHERE tenant_id = $1', [org.tenantId]))[0].n;

beforeAll(async () => {
  await orgs.start();
  org = await orgs.organization('Billing readers');
  billingAdmin = await member('billing-admin');
  ssoAdmin = await member('sso-admin');
  foreignAccountId = (await orgs.tenant('Foreign billing tenant')).accountId;
  await delegate(billingAdmin.accountId, BILLING);
  await delegate(ssoAdmin.accountId, SSO);
}, 180_000);
afterAll(() => orgs.stop());

describe('reading the bill', () => {
  let token: string;

  beforeAll(async () => {
    // 1, 2 and 3 hours of m5.large at 0.096: 0.10, 0.19, 0.29.
    const { recordUsage } = await orgs.ok<{ recordUsage: { consistencyToken: string } }>(RECORD, org.key, {
      b: 'readers', r: [ec2(org.accountId, '1'), ec2(billingAdmin.accountId, '2'), ec2(ssoAdmin.accountId, '3')] });
    token = recordUsage.consistencyToken;
  });

  it('shows the delegated administrator of billing the whole bill, as the management account sees it', async () => {
    const whole = await bill(org.key, token);
    expect(whole.total).toBe('0.58');
    expect(await bill(billingAdmin.key, token)).toEqual(whole);
    const csv = await (await fetch(`${orgs.baseUrl}/billing/bill.csv?period=${period}`, { headers: { authorization: `Bearer ${billingAdmin.key}` } })).text();
    for (const id of [org.accountId, billingAdmin.accountId, ssoAdmin.accountId]) expect(csv).toContain(id);
  });

  it('shows a delegated administrator of another service only its own usage, as any member', async () => {
    const own = await bill(ssoAdmin.key, token);
    expect(own).toEqual({ total: '0.29', groups: [{ keys: [ssoAdmin.accountId], cost: '0.29' }], accounts: [{ accountId: ssoAdmin.accountId }] });
  });

  it('lets the delegated administrator of billing write nothing', async () => {
    const before = await bill(org.key);
    const denied = [
      await orgs.call(RECORD, billingAdmin.key, { b: 'by-delegate', r: [ec2(billingAdmin.accountId, '5')] }),
      await orgs.call('mutation($p: String!) { closeBillingPeriod(input: { period: $p }) { total } }', billingAdmin.key, { p: period }),
      await orgs.call('mutation { putPriceList(input: { effectiveFrom: "2099-01-01", prices: [{ productCode: "AmazonEC2", usageType: "BoxUsage:m5.large", unit: "Hrs", tiers: [{ rate: "1" }] }] }) { consistencyToken } }', billingAdmin.key),
    ];
    expect(denied.map(codeOf)).toEqual(['AccessDeniedException', 'AccessDeniedException', 'AccessDeniedException']);
    expect((await upload(billingAdmin.key, 'csv-by-delegate', `${HEADER}\n${billingAdmin.accountId},AmazonEC2,BoxUsage:m5.large,5,${at(1)},${at(2)},us-east-1,`)).status).toBe(403);
    expect(await bill(org.key)).toEqual(before);
  });
});

describe('a report with a bad row records nothing', () => {
  const good = () => `${org.accountId},AmazonEC2,BoxUsage:t3.micro,1,${at(3)},${at(4)},us-east-1,web`;
  const row = (change: Partial<Record<'account' | 'usageType' | 'amount' | 'start' | 'end' | 'region' | 'team', string>>) =>
    [change.account ?? org.accountId, 'AmazonEC2', change.usageType ?? 'BoxUsage:t3.micro', change.amount ?? '1', change.start ?? at(3), change.end ?? at(4), change.region ?? 'us-east-1', change.team ?? ''].join(',');
  const cases: [string, () => string, { __type: string; field: string; reason?: string }][] = [
    ['an unknown account', () => row({ account: '000000000001' }), { __type: 'AccountNotFoundException', field: 'lineItem/UsageAccountId' }],
    ['another tenant\'s account', () => row({ account: foreignAccountId }), { __type: 'AccountNotFoundException', field: 'lineItem/UsageAccountId' }],
    ['an account id that is no id', () => row({ account: '12345' }), { __type: 'InvalidInputException', field: 'lineItem/UsageAccountId', reason: 'INVALID_PATTERN' }],
    ['a negative quantity', () => row({ amount: '-0.5' }), { __type: 'InvalidInputException', field: 'lineItem/UsageAmount', reason: 'MIN_VALUE_EXCEEDED' }],
    ['a quantity of 11 decimal places', () => row({ amount: '1.00000000001' }), { __type: 'InvalidInputException', field: 'lineItem/UsageAmount', reason: 'INVALID_PATTERN' }],
    ['a quantity that is no number', () => row({ amount: '1e3' }), { __type: 'InvalidInputException', field: 'lineItem/UsageAmount', reason: 'INVALID_PATTERN' }],
    ['an end before the start', () => row({ end: at(2) }), { __type: 'InvalidInputException', field: 'lineItem/UsageEndDate', reason: 'END_DATE_TOO_EARLY' }],
    ['a day that does not exist', () => row({ start: `${nextMonth.getUTCFullYear() + 1}-02-30T00:00:00Z` }), { __type: 'InvalidInputException', field: 'lineItem/UsageStartDate', reason: 'INVALID_START_DATE' }],
    ['a time without a zone', () => row({ end: at(4).replace('Z', '') }), { __type: 'InvalidInputException', field: 'lineItem/UsageEndDate', reason: 'INVALID_END_DATE' }],
    ['an unknown usage type', () => row({ usageType: 'NoSuchUsage' }), { __type: 'InvalidInputException', field: 'lineItem/UsageType', reason: 'INVALID_ENUM' }],
    ['a region that is no region', () => row({ region: 'US East' }), { __type: 'InvalidInputException', field: 'product/region', reason: 'INVALID_PATTERN' }],
    ['a tag value of 257 characters', () => row({ team: 'x'.repeat(257) }), { __type: 'InvalidInputException', field: 'resourceTags/user:*', reason: 'MAX_LENGTH_EXCEEDED' }],
    ['a row of too many cells', () => `${row({})},extra`, { __type: 'InvalidInputException', field: '(row)' }],
  ];

  it.each(cases)('refuses %s on line 3, naming the field', async (name, bad, refusal) => {
    const before = await recorded();
    const batchId = `bad-${name.replace(/[^a-z0-9]+/gi, '-')}`;
    const answer = await upload(org.key, batchId, [HEADER, good(), bad()].join('\n'));
    expect(answer).toMatchObject({ status: 400, body: { ...refusal, line: 3 } });
    expect(await recorded()).toBe(before);
    expect(await orgs.sql('SELECT 1 FROM billing_usage_batches WHERE tenant_id = $1 AND batch_id = $2', [org.tenantId, batchId])).toEqual([]);
  });

  it('counts the lines of a quoted line break in the line it names', async () => {
    const csv = [HEADER, good().replace(/web$/, '"two\nlines"'), row({ amount: '-1' })].join('\n');
    expect(await upload(org.key, 'bad-after-break', csv)).toMatchObject({ status: 400, body: { line: 4, field: 'lineItem/UsageAmount' } });
  });
});

describe('a month whose price changes within it', () => {
  it('prices each day\'s usage at that day\'s price', async () => {
    const priced = await orgs.organization('Price change e2e');
    await orgs.ok(`mutation { putPriceList(input: { effectiveFrom: "${period}-16", prices: [{ productCode: "AmazonEC2", usageType: "BoxUsage:t3.micro", unit: "Hrs", tiers: [{ rate: "1" }] }] }) { consistencyToken } }`, priced.key);
    const t3 = (hours: string, fromHour: number) => ({ accountId: priced.accountId, productCode: 'AmazonEC2', usageType: 'BoxUsage:t3.micro', region: 'us-east-1', quantity: hours, usageStart: at(fromHour), usageEnd: at(fromHour + 1) });
    // 100 hours on the 1st at the default 0.0104, 10 on the 20th at 1 (from the 16th): 1.04 + 10.
    const { recordUsage } = await orgs.ok<{ recordUsage: { consistencyToken: string } }>(RECORD, priced.key, { b: 'price-change', r: [t3('100', 1), t3('10', 19 * 24 + 1)] });
    expect((await bill(priced.key, recordUsage.consistencyToken)).total).toBe('11.04');
  });
});

describe('the monthly sums\' series ids', () => {
  it('refuse a batch whose series shares its id with another series, recording nothing of it', async () => {
    const other = await orgs.organization('Series collision e2e');
    const month = `${period}-01`;
    // A stored sum of another usage type under the id the batch's t3.micro series will have: a hash collision, planted.
    const [{ id }] = await orgs.sql<{ id: string }>(`SELECT orgs_billing_series_id($1, 'AmazonEC2', 'BoxUsage:t3.micro', '')::text AS id`, [other.accountId]);
    await orgs.sql(
      `INSERT INTO billing_usage_monthly (tenant_id, month, series_id, account_id, product_code, usage_type, tags_key, tags, quantity)
       VALUES ($1, $2::date, $3::bigint, $4, 'AmazonEC2', 'BoxUsage:m5.large', '', '{}', 1)`,
      [other.tenantId, month, id, other.accountId],
    );
    const csv = `${HEADER}\n${other.accountId},AmazonEC2,BoxUsage:t3.micro,5,${at(3)},${at(4)},us-east-1,\n`;
    expect((await upload(other.key, 'collides', csv)).status).toBe(500);
    const [stored] = await orgs.sql<{ records: number; monthly: string }>(
      `SELECT (SELECT count(*)::int FROM billing_usage_records WHERE tenant_id = $1) AS records,
              (SELECT string_agg(usage_type || '=' || quantity::text, ',') FROM billing_usage_monthly WHERE tenant_id = $1) AS monthly`,
      [other.tenantId],
    );
    expect(stored).toEqual({ records: 0, monthly: 'BoxUsage:m5.large=1.0000000000' });
  });
});

describe('a report\'s tags', () => {
  it('sum into the same monthly row as the same tags sent over GraphQL', async () => {
    const tags = [{ key: 'team', value: 'data "lake"' }, { key: 'env', value: 'prod' }];
    await orgs.ok(RECORD, org.key, { b: 'tags-graphql', r: [{ ...ec2(org.accountId, '1.5', tags), usageType: 'BoxUsage:t3.micro', usageStart: at(30), usageEnd: at(31) }] });
    const header = `${HEADER},resourceTags/user:env,pricing/unit`;
    const csv = `${header}\n${org.accountId},AmazonEC2,BoxUsage:t3.micro,2.25,${at(30)},${at(31)},us-east-1,"data ""lake""",prod,Hrs\n`;
    expect(await upload(org.key, 'tags-csv', csv)).toMatchObject({ status: 201, body: { recordCount: 1 } });
    const rows = await orgs.sql<{ tags_key: string; tags: unknown; quantity: string }>(
      `SELECT tags_key, tags, quantity::text AS quantity FROM billing_usage_monthly
        WHERE tenant_id = $1 AND month = date_trunc('month', $2::date) AND usage_type = 'BoxUsage:t3.micro' AND tags ? 'env'`,
      [org.tenantId, at(30).slice(0, 10)],
    );
    expect(rows).toEqual([{ tags_key: '[["env","prod"],["team","data \\"lake\\""]]', tags: { env: 'prod', team: 'data "lake"' }, quantity: '3.7500000000' }]);
  });

  it('refuses a unit other than the price\'s', async () => {
    const csv = `${HEADER},pricing/unit\n${org.accountId},AmazonEC2,BoxUsage:t3.micro,1,${at(3)},${at(4)},us-east-1,,GB\n`;
    expect(await upload(org.key, 'bad-unit', csv)).toMatchObject({ status: 400, body: { line: 2, field: 'pricing/unit', reason: 'INVALID_ENUM' } });
  });
});

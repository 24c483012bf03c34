import { codeOf, E2eService, refusalOf, uniqueEmail } from './support/e2e-service';

/**
 * The operator's per-tenant quotas over HTTP: updateTenantQuotas (operator token only) answers once
 * the new values are in force, so the very next createOrganizationalUnit / createAccount is held
 * to them; tenantQuotas reads them back with AWS's defaults merged.
 */
const orgs = new E2eService('e2e-quotas-operator');
beforeAll(() => orgs.start(), 90_000);
afterAll(() => orgs.stop());

const QUOTAS = 'tenantId maxAccounts { value awsDefault overridden } maxOrganizationalUnits { value awsDefault overridden }';
const UPDATE = `mutation($input: UpdateTenantQuotasInput!) { updateTenantQuotas(input: $input) { tenantQuotas { ${QUOTAS} } consistencyToken } }`;
const READ = `query($tenantId: String) { tenantQuotas(tenantId: $tenantId) { ${QUOTAS} } }`;

interface Quota {
  value: number;
  awsDefault: number;
  overridden: boolean;
}
interface Quotas {
  tenantId: string;
  maxAccounts: Quota;
  maxOrganizationalUnits: Quota;
}

const setQuotas = (input: { tenantId: string; maxAccounts?: number | null; maxOrganizationalUnits?: number | null }, key = orgs.operatorToken) =>
  orgs.call<{ updateTenantQuotas: { tenantQuotas: Quotas; consistencyToken: string } }>(UPDATE, key, { input });
const readQuotas = (key: string, tenantId?: string) => orgs.call<{ tenantQuotas: Quotas }>(READ, key, { tenantId });

const createOu = (key: string, parentId: string, name: string) =>
  orgs.call('mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id } } }', key, { p: parentId, n: name });
const createAccount = (key: string, name: string) =>
  orgs.call('mutation($e: String!, $n: String!) { createAccount(input: { email: $e, accountName: $n }) { createAccountStatus { state } } }', key, {
    e: uniqueEmail(name.toLowerCase()),
    n: name,
  });

describe('updateTenantQuotas', () => {
  it('raises the OU quota: the next createOrganizationalUnit follows the new value', async () => {
    const org = await orgs.organization('Quota OUs');
    expect((await setQuotas({ tenantId: org.tenantId, maxOrganizationalUnits: 1 })).errors).toBeUndefined();
    expect((await createOu(org.key, org.rootId, 'One')).errors).toBeUndefined();
    expect(refusalOf(await createOu(org.key, org.rootId, 'Two'))).toEqual({ code: 'ConstraintViolationException', reason: 'OU_NUMBER_LIMIT_EXCEEDED' });

    const raised = await setQuotas({ tenantId: org.tenantId, maxOrganizationalUnits: 2 });
    expect(raised.data?.updateTenantQuotas.tenantQuotas.maxOrganizationalUnits).toEqual({ value: 2, awsDefault: 2_000, overridden: true });
    expect((await createOu(org.key, org.rootId, 'Two')).errors).toBeUndefined();
    expect(refusalOf(await createOu(org.key, org.rootId, 'Three'))).toEqual({ code: 'ConstraintViolationException', reason: 'OU_NUMBER_LIMIT_EXCEEDED' });
  });

  it('lowers the account quota: the next createAccount follows the new value', async () => {
    const org = await orgs.organization('Quota accounts');
    // The management account counts: 3 leaves room for two more.
    await setQuotas({ tenantId: org.tenantId, maxAccounts: 3 });
    expect((await createAccount(org.key, 'One')).errors).toBeUndefined();

    const lowered = await setQuotas({ tenantId: org.tenantId, maxAccounts: 2 });
    expect(lowered.data?.updateTenantQuotas.tenantQuotas.maxAccounts).toEqual({ value: 2, awsDefault: 10, overridden: true });
    expect(refusalOf(await createAccount(org.key, 'Two'))).toEqual({ code: 'ConstraintViolationException', reason: 'ACCOUNT_NUMBER_LIMIT_EXCEEDED' });

    await setQuotas({ tenantId: org.tenantId, maxAccounts: 3 });
    expect((await createAccount(org.key, 'Two')).errors).toBeUndefined();
  });

  it('goes back to AWS\'s defaults for a quota given as null or left out', async () => {
    const org = await orgs.organization('Quota reset');
    await setQuotas({ tenantId: org.tenantId, maxAccounts: 2, maxOrganizationalUnits: 1 });
    const reset = await setQuotas({ tenantId: org.tenantId, maxAccounts: null });
    expect(reset.data?.updateTenantQuotas.tenantQuotas).toEqual({
      tenantId: org.tenantId,
      maxAccounts: { value: 10, awsDefault: 10, overridden: false },
      maxOrganizationalUnits: { value: 2_000, awsDefault: 2_000, overridden: false },
    });
    expect((await createOu(org.key, org.rootId, 'One')).errors).toBeUndefined();
    expect((await createOu(org.key, org.rootId, 'Two')).errors).toBeUndefined();
  });

  it('answers the same update twice without recording it twice', async () => {
    const tenant = await orgs.tenant('Quota twice');
    await setQuotas({ tenantId: tenant.tenantId, maxAccounts: 7 });
    const before = await orgs.eventCount();
    const again = await setQuotas({ tenantId: tenant.tenantId, maxAccounts: 7 });
    expect(again.data?.updateTenantQuotas.tenantQuotas.maxAccounts).toEqual({ value: 7, awsDefault: 10, overridden: true });
    expect(await orgs.eventCount()).toBe(before);
  });

  it('refuses values out of range, a malformed tenant id and an unknown tenant, appending nothing', async () => {
    const tenant = await orgs.tenant('Quota refusals');
    const before = await orgs.eventCount();
    const t = tenant.tenantId;
    expect(refusalOf(await setQuotas({ tenantId: t, maxAccounts: 0 }))).toEqual({ code: 'InvalidInputException', reason: 'MIN_VALUE_EXCEEDED' });
    expect(refusalOf(await setQuotas({ tenantId: t, maxAccounts: 50_001 }))).toEqual({ code: 'InvalidInputException', reason: 'MAX_VALUE_EXCEEDED' });
    expect(refusalOf(await setQuotas({ tenantId: t, maxOrganizationalUnits: 10_001 }))).toEqual({ code: 'InvalidInputException', reason: 'MAX_VALUE_EXCEEDED' });
    expect(refusalOf(await setQuotas({ tenantId: t, maxOrganizationalUnits: -5 }))).toEqual({ code: 'InvalidInputException', reason: 'MIN_VALUE_EXCEEDED' });
    expect(refusalOf(await setQuotas({ tenantId: 'not-a-tenant', maxAccounts: 5 }))).toEqual({ code: 'InvalidInputException', reason: 'INVALID_PATTERN' });
    expect(codeOf(await setQuotas({ tenantId: '00000000-0000-4000-8000-000000000000', maxAccounts: 5 }))).toBe('TenantNotFoundException');
    expect(await orgs.eventCount()).toBe(before);
  });

  it('refuses an API key, even the tenant\'s own ADMIN key, with AccessDeniedException', async () => {
    const tenant = await orgs.tenant('Quota by key');
    const before = await orgs.eventCount();
    expect(codeOf(await setQuotas({ tenantId: tenant.tenantId, maxAccounts: 50_000 }, tenant.key))).toBe('AccessDeniedException');
    expect(await orgs.eventCount()).toBe(before);
  });
});

describe('tenantQuotas', () => {
  it('shows the operator any tenant\'s quotas, with AWS\'s defaults where none is set', async () => {
    const tenant = await orgs.tenant('Quota read');
    expect((await readQuotas(orgs.operatorToken, tenant.tenantId)).data?.tenantQuotas).toEqual({
      tenantId: tenant.tenantId,
      maxAccounts: { value: 10, awsDefault: 10, overridden: false },
      maxOrganizationalUnits: { value: 2_000, awsDefault: 2_000, overridden: false },
    });
    await setQuotas({ tenantId: tenant.tenantId, maxOrganizationalUnits: 4_000 });
    expect((await readQuotas(orgs.operatorToken, tenant.tenantId)).data?.tenantQuotas.maxOrganizationalUnits).toEqual({ value: 4_000, awsDefault: 2_000, overridden: true });
  });

  it('shows an API key its own tenant\'s quotas, with or without naming it', async () => {
    const tenant = await orgs.tenant('Quota own');
    await setQuotas({ tenantId: tenant.tenantId, maxAccounts: 25 });
    expect((await readQuotas(tenant.key)).data?.tenantQuotas).toMatchObject({ tenantId: tenant.tenantId, maxAccounts: { value: 25, overridden: true } });
    expect((await readQuotas(tenant.key, tenant.tenantId)).data?.tenantQuotas.maxAccounts.value).toBe(25);
  });

  it('refuses an API key another tenant\'s quotas, the operator an unnamed or unknown tenant', async () => {
    const a = await orgs.tenant('Quota A');
    const b = await orgs.tenant('Quota B');
    expect(codeOf(await readQuotas(b.key, a.tenantId))).toBe('AccessDeniedException');
    expect(refusalOf(await readQuotas(orgs.operatorToken))).toEqual({ code: 'InvalidInputException', reason: 'INPUT_REQUIRED' });
    expect(codeOf(await readQuotas(orgs.operatorToken, '00000000-0000-4000-8000-000000000000'))).toBe('TenantNotFoundException');
  });
});

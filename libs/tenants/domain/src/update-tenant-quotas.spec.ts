import { deciderSpecification } from '@orgs/shared/testing';
import type { TenantEvent } from './events';
import { tenantDecider, type TenantCommand } from './tenant';
import { effectiveQuotas, type TenantQuotaOverrides } from './tenant-quotas';

const spec = deciderSpecification(tenantDecider);
const at = '2026-11-23T00:00:00.000Z';
const later = '2026-11-24T00:00:00.000Z';

const tenant: TenantEvent[] = [
  { type: 'TenantCreated', data: { tenantId: '8d7c2f4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f', name: 'Platform', createdAt: at } },
  { type: 'AccountCreated', data: { accountId: '111122223333', name: 'Management', email: 'admin@platform.example.com', createdAt: at } },
];
const update = (overrides: Partial<TenantQuotaOverrides>, when = at): TenantCommand => ({
  type: 'UpdateTenantQuotas',
  data: { maxAccounts: null, maxOrganizationalUnits: null, ...overrides, at: when },
});
const updated = (overrides: Partial<TenantQuotaOverrides>, when = at): TenantEvent => ({
  type: 'TenantQuotasUpdated',
  data: { maxAccounts: null, maxOrganizationalUnits: null, ...overrides, updatedAt: when },
});

describe('UpdateTenantQuotas', () => {
  it('records the operator\'s quotas for the tenant', () => {
    spec.given(tenant).when(update({ maxAccounts: 2, maxOrganizationalUnits: 5_000 })).then([updated({ maxAccounts: 2, maxOrganizationalUnits: 5_000 })]);
  });

  it('sets the quotas in full: a quota left out goes back to AWS\'s default', () => {
    spec.given([...tenant, updated({ maxAccounts: 2, maxOrganizationalUnits: 5 })])
      .when(update({ maxOrganizationalUnits: 7 }, later))
      .then([updated({ maxOrganizationalUnits: 7 }, later)]);
  });

  it('records nothing when the quotas are already those', () => {
    spec.given([...tenant, updated({ maxAccounts: 2 })]).when(update({ maxAccounts: 2 }, later)).then([]);
  });

  it('records nothing when a tenant without overrides is set to the defaults', () => {
    spec.given(tenant).when(update({})).then([]);
  });

  it('accepts the highest values AWS grants: 50,000 accounts and 10,000 OUs', () => {
    spec.given(tenant).when(update({ maxAccounts: 50_000, maxOrganizationalUnits: 10_000 })).then([updated({ maxAccounts: 50_000, maxOrganizationalUnits: 10_000 })]);
  });

  it('refuses more than 50,000 accounts with MAX_VALUE_EXCEEDED', () => {
    spec.given(tenant).when(update({ maxAccounts: 50_001 })).thenThrows('InvalidInputException', 'MAX_VALUE_EXCEEDED');
  });

  it('refuses more than 10,000 OUs with MAX_VALUE_EXCEEDED', () => {
    spec.given(tenant).when(update({ maxOrganizationalUnits: 10_001 })).thenThrows('InvalidInputException', 'MAX_VALUE_EXCEEDED');
  });

  it('refuses zero accounts with MIN_VALUE_EXCEEDED', () => {
    spec.given(tenant).when(update({ maxAccounts: 0 })).thenThrows('InvalidInputException', 'MIN_VALUE_EXCEEDED');
  });

  it('refuses a negative OU quota with MIN_VALUE_EXCEEDED', () => {
    spec.given(tenant).when(update({ maxOrganizationalUnits: -1 })).thenThrows('InvalidInputException', 'MIN_VALUE_EXCEEDED');
  });

  it('refuses a fractional quota with InvalidInputException', () => {
    spec.given(tenant).when(update({ maxAccounts: 2.5 })).thenThrows('InvalidInputException');
  });

  it('refuses a tenant that was never created with TenantNotFoundException', () => {
    spec.given([]).when(update({ maxAccounts: 2 })).thenThrows('TenantNotFoundException');
  });
});

describe('effective quotas', () => {
  it('takes the tenant\'s value where it has one and AWS\'s default elsewhere', () => {
    expect(effectiveQuotas({ maxAccounts: 3, maxOrganizationalUnits: null })).toEqual({ maxAccounts: 3, maxOrganizationalUnits: 2_000 });
    expect(effectiveQuotas({ maxAccounts: null, maxOrganizationalUnits: null })).toEqual({ maxAccounts: 10, maxOrganizationalUnits: 2_000 });
  });
});

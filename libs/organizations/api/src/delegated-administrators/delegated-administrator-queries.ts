import type { Page, PageRequest } from '@orgs/shared/nest';
import { accountNotRegistered, resourcePolicyNotFound } from '@orgs/organizations/domain';
import { accountView } from '../accounts/account-queries';
import { readPage } from '../organizational-units/read-page';
import { requireAccountInOrganization, type OrganizationScope } from '../trusted-access/trusted-access-queries';
import type { DelegatedAdministrator, DelegatedService, ResourcePolicy } from './delegated-administrators.types';

const where = (scope: OrganizationScope) => ({ tenantId: scope.tenantId, organizationId: scope.organizationId });

/** The delegation rows of one page (one per account: for every service, its first registration), by account id. */
async function delegationsPage(scope: OrganizationScope, servicePrincipal: string | null | undefined, skip: number, take: number) {
  if (servicePrincipal) {
    const rows = await scope.db.delegatedAdministrator.findMany({ where: { ...where(scope), servicePrincipal }, orderBy: { accountId: 'asc' }, skip, take });
    return rows.map((r) => ({ accountId: r.accountId, delegationEnabledDate: r.delegationEnabledAt }));
  }
  const groups = await scope.db.delegatedAdministrator.groupBy({ by: ['accountId'], where: where(scope), _min: { delegationEnabledAt: true }, orderBy: { accountId: 'asc' }, skip, take });
  return groups.map((g) => ({ accountId: g.accountId, delegationEnabledDate: g._min.delegationEnabledAt as Date }));
}

export function listDelegatedAdministrators(scope: OrganizationScope, servicePrincipal: string | null | undefined, page: PageRequest): Promise<Page<DelegatedAdministrator>> {
  return readPage(page, scope.tenantId, async (skip, take) => {
    const delegations = await delegationsPage(scope, servicePrincipal, skip, take);
    const accounts = await scope.db.account.findMany({ where: { ...where(scope), id: { in: delegations.map((d) => d.accountId) } } });
    const byId = new Map(accounts.map((a) => [a.id, accountView(a)]));
    return delegations.flatMap(({ accountId, delegationEnabledDate }) => {
      const account = byId.get(accountId);
      return account ? [{ ...account, delegationEnabledDate }] : [];
    });
  });
}

/** AccountNotRegisteredException when the account (a member) delegates nothing, as AWS answers. */
export async function listDelegatedServicesForAccount(scope: OrganizationScope, accountId: string, page: PageRequest): Promise<Page<DelegatedService>> {
  await requireAccountInOrganization(scope, accountId);
  const result = await readPage(page, scope.tenantId, async (skip, take) => {
    const rows = await scope.db.delegatedAdministrator.findMany({ where: { ...where(scope), accountId }, orderBy: { servicePrincipal: 'asc' }, skip, take });
    return rows.map((r) => ({ servicePrincipal: r.servicePrincipal, delegationEnabledDate: r.delegationEnabledAt }));
  });
  if (result.items.length === 0 && (await scope.db.delegatedAdministrator.count({ where: { ...where(scope), accountId } })) === 0) throw accountNotRegistered(accountId);
  return result;
}

export async function describeResourcePolicy(scope: OrganizationScope): Promise<ResourcePolicy> {
  const row = await scope.db.resourcePolicy.findFirst({ where: where(scope) });
  if (!row) throw resourcePolicyNotFound();
  return { resourcePolicySummary: { id: row.id, arn: row.arn }, content: row.content };
}

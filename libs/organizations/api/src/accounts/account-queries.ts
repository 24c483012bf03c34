import { OrgsError, type AccountJoinedMethod, type AccountState, type AccountStatus, type CreateAccountFailureReason, type CreateAccountState } from '@orgs/shared/kernel';
import type { PageRequest } from '@orgs/shared/nest';
import type { TenantReadModels } from '@orgs/shared/read-models';
import { readPage } from '../organizational-units/read-page';
import type { Account, CreateAccountStatus } from './account.types';

/** The caller's organization as the account reads see it: every query stays inside it (and its tenant). */
export interface AccountScope {
  db: TenantReadModels;
  tenantId: string;
  organizationId: string;
  rootId: string;
}

interface AccountRow {
  id: string;
  arn: string | null;
  email: string;
  name: string;
  status: string;
  state: string;
  path: string | null;
  joinedMethod: string | null;
  joinedTimestamp: Date | null;
}

interface StatusRow {
  id: string;
  accountName: string;
  state: string;
  requestedAt: Date;
  completedAt: Date | null;
  accountId: string | null;
  failureReason: string | null;
}

/** Only rows of the organization are read, so these columns are set. */
export const accountView = (row: AccountRow): Account => ({
  id: row.id,
  arn: row.arn as string,
  email: row.email,
  name: row.name,
  status: row.status as AccountStatus,
  state: row.state as AccountState,
  paths: row.path ? [row.path] : [],
  joinedMethod: row.joinedMethod as AccountJoinedMethod,
  joinedTimestamp: row.joinedTimestamp as Date,
});

export const createAccountStatusView = (row: StatusRow): CreateAccountStatus => ({
  id: row.id,
  accountName: row.accountName,
  state: row.state as CreateAccountState,
  requestedTimestamp: row.requestedAt,
  completedTimestamp: row.completedAt,
  accountId: row.accountId,
  govCloudAccountId: null,
  failureReason: row.failureReason as CreateAccountFailureReason | null,
});

const inOrganization = (scope: AccountScope) => ({ tenantId: scope.tenantId, organizationId: scope.organizationId });

export async function describeAccount(scope: AccountScope, accountId: string): Promise<Account> {
  const row = await scope.db.account.findFirst({ where: { ...inOrganization(scope), id: accountId } });
  if (!row) throw new OrgsError('AccountNotFoundException', `We can't find an account with the ID ${accountId} in this organization.`);
  return accountView(row);
}

/** Ordered by id, so that pages are stable. */
export function listAccounts(scope: AccountScope, page: PageRequest) {
  return readPage(page, scope.tenantId, async (skip, take) =>
    (await scope.db.account.findMany({ where: inOrganization(scope), orderBy: { id: 'asc' }, skip, take })).map(accountView),
  );
}

export async function listAccountsForParent(scope: AccountScope, parentId: string, page: PageRequest) {
  if (parentId !== scope.rootId) {
    const ous = await scope.db.organizationalUnit.count({ where: { ...inOrganization(scope), id: parentId } });
    if (ous === 0) throw new OrgsError('ParentNotFoundException', `We can't find a root or OU with the ID ${parentId} in this organization.`);
  }
  return readPage(page, scope.tenantId, async (skip, take) =>
    (await scope.db.account.findMany({ where: { ...inOrganization(scope), parentId }, orderBy: { id: 'asc' }, skip, take })).map(accountView),
  );
}

export async function describeCreateAccountStatus(scope: AccountScope, requestId: string): Promise<CreateAccountStatus> {
  const row = await scope.db.createAccountStatus.findFirst({ where: { ...inOrganization(scope), id: requestId } });
  if (!row) throw new OrgsError('CreateAccountStatusNotFoundException', `We can't find a create account request with the ID ${requestId}.`);
  return createAccountStatusView(row);
}

/** Oldest first; `states` empty or absent means every state. */
export function listCreateAccountStatus(scope: AccountScope, states: CreateAccountState[] | null | undefined, page: PageRequest) {
  const where = { ...inOrganization(scope), ...(states && states.length > 0 ? { state: { in: states } } : {}) };
  return readPage(page, scope.tenantId, async (skip, take) =>
    (await scope.db.createAccountStatus.findMany({ where, orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }], skip, take })).map(createAccountStatusView),
  );
}

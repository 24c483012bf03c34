import { constraintViolation } from '@orgs/shared/kernel';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import { CREATE_ACCOUNT_REQUESTS_IN_PROGRESS, type OrganizationQuotas } from '../quotas';
import type { OrganizationState } from '../state';
import { accountsCountedAgainstQuota } from './account-rules';
import { DEFAULT_ACCESS_ROLE_NAME, tagsAsRecord, validateCreateAccountInput, type CreateAccountInput } from './create-account-input';

export type CreateAccountCommand = OrganizationCommandOf<
  'CreateAccount',
  CreateAccountInput & {
    /** A fresh `car-` id (newCreateAccountRequestId). */
    requestId: string;
    quotas: OrganizationQuotas;
  }
>;

export interface CreateAccountRequestedData {
  organizationId: string;
  requestId: string;
  accountName: string;
  email: string;
  roleName: string;
  iamUserAccessToBilling: 'ALLOW' | 'DENY';
  tags: Record<string, string>;
  requestedAt: string;
}

export type CreateAccountRequestedEvent = { type: 'CreateAccountRequested'; data: CreateAccountRequestedData };

/**
 * CreateAccount only records the request, as AWS does: the account is made by a job (see
 * complete-account-creation.ts), and the caller polls DescribeCreateAccountStatus.
 */
export function createAccount(command: CreateAccountCommand, state: OrganizationState): CreateAccountRequestedEvent[] {
  requireManagementAccount(state, command.actingAccountId);
  const { data } = command;
  validateCreateAccountInput(data);
  const inProgress = Object.values(state.createAccountRequests).filter((r) => r.state === 'IN_PROGRESS').length;
  if (inProgress >= CREATE_ACCOUNT_REQUESTS_IN_PROGRESS) {
    throw constraintViolation('ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED', `At most ${CREATE_ACCOUNT_REQUESTS_IN_PROGRESS} account creations can be in progress at once.`);
  }
  if (accountsCountedAgainstQuota(state) >= data.quotas.maxAccounts) {
    throw constraintViolation('ACCOUNT_NUMBER_LIMIT_EXCEEDED', `The organization has reached its limit of ${data.quotas.maxAccounts} accounts.`);
  }
  return [
    {
      type: 'CreateAccountRequested',
      data: {
        organizationId: state.organizationId as string,
        requestId: data.requestId,
        accountName: data.accountName,
        email: data.email,
        roleName: data.roleName ?? DEFAULT_ACCESS_ROLE_NAME,
        iamUserAccessToBilling: data.iamUserAccessToBilling ?? 'ALLOW',
        tags: tagsAsRecord(data.tags ?? []),
        requestedAt: command.at,
      },
    },
  ];
}

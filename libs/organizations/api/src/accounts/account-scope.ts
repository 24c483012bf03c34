import type { Principal } from '@orgs/shared/nest';
import { CREATED_ACCOUNT_WAIT_DAYS } from '@orgs/organizations/domain';
import { onResource } from '../delegated-reads';
import type { OrganizationReads } from '../organization-reads.service';
import type { AccountScope } from './account-queries';

/**
 * The caller's organization for the account read `operation`: the management account and delegated
 * administrators read everything (OrganizationReads.organizationReader); a member only what
 * `memberMayRead` allows; a member the delegation policy names, what it allows on `resourceId`
 * (the account or parent read; none: `*`).
 */
export async function accountScope(
  reads: OrganizationReads,
  principal: Principal,
  consistencyToken: string | null | undefined,
  operation: string,
  memberMayRead = false,
  resourceId?: string,
): Promise<AccountScope> {
  const { db, organization, root } = await reads.organizationReader(principal, consistencyToken, operation, memberMayRead, resourceId ? onResource(resourceId) : undefined);
  return { db, tenantId: principal.tenantId, organizationId: organization.id, rootId: root.id };
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * How long a created account must stay before it may be removed or leave: AWS's 4 days unless
 * CREATED_ACCOUNT_WAIT_PERIOD_MS says otherwise (tests, or an installation that wants none).
 */
export function createdAccountWaitPeriodMs(): number {
  const configured = Number(process.env.CREATED_ACCOUNT_WAIT_PERIOD_MS);
  return process.env.CREATED_ACCOUNT_WAIT_PERIOD_MS !== undefined && Number.isFinite(configured) && configured >= 0
    ? configured
    : CREATED_ACCOUNT_WAIT_DAYS * DAY_MS;
}

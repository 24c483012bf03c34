import { Inject, Injectable } from '@nestjs/common';
import { accessDenied, OrgsError } from '@orgs/shared/kernel';
import { decodeConsistencyToken, DEFAULT_CONSISTENCY_WAIT_MS, PRISMA, type Principal } from '@orgs/shared/nest';
import { ProjectionWaiter, ProjectionWaiters } from '@orgs/shared/projector';
import { Prisma, queryAsTenant, type PrismaClient } from '@orgs/shared/read-models';
import { BILLING_PROJECTION } from '@orgs/billing/domain';

/** Who is asking for billing data, and how much of it they may see. */
export interface BillingCaller {
  tenantId: string;
  accountId: string;
  organizationId: string;
  isManagementAccount: boolean;
  /** The management account, or a delegated administrator of billing (read only). */
  readsWholeBill: boolean;
}

/** The service whose delegated administrators read the organization's bill. */
export const BILLING_SERVICE_PRINCIPAL = 'billing-cost-management.amazonaws.com';

const notInUse = () => new OrgsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');

/**
 * The caller's organization and role, and read-your-writes for billing's own projection (it
 * follows the log on a checkpoint of its own, see libs/billing/projection).
 */
@Injectable()
export class BillingScope {
  private readonly waiter: ProjectionWaiter;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    waiters: ProjectionWaiters,
  ) {
    this.waiter = waiters.of(BILLING_PROJECTION);
  }

  async caller(principal: Principal, consistencyToken?: string | null): Promise<BillingCaller> {
    if (consistencyToken) await this.waiter.waitFor(decodeConsistencyToken(consistencyToken), DEFAULT_CONSISTENCY_WAIT_MS);
    const [row] = await queryAsTenant<{ organization_id: string | null; master_account_id: string | null }>(
      this.prisma,
      principal.tenantId,
      Prisma.sql`SELECT a.organization_id, o.master_account_id FROM accounts a
                   LEFT JOIN organizations o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
                  WHERE a.tenant_id = ${principal.tenantId}::uuid AND a.id = ${principal.accountId}`,
    );
    if (!row?.organization_id || !row.master_account_id) throw notInUse();
    const isManagementAccount = row.master_account_id === principal.accountId;
    const readsWholeBill = isManagementAccount || (await this.isBillingDelegatedAdministrator(principal, row.organization_id));
    return { tenantId: principal.tenantId, accountId: principal.accountId, organizationId: row.organization_id, isManagementAccount, readsWholeBill };
  }

  async managementAccount(principal: Principal, what: string): Promise<BillingCaller> {
    const caller = await this.caller(principal);
    if (!caller.isManagementAccount) throw accessDenied(`Only the management account can ${what}.`);
    return caller;
  }

  /**
   * A delegated administrator of AWS Billing and Cost Management (registered for its principal,
   * trusted-access.md 4) reads the whole bill; every billing write stays the management account's.
   */
  private async isBillingDelegatedAdministrator(principal: Principal, organizationId: string): Promise<boolean> {
    const rows = await queryAsTenant<{ found: number }>(
      this.prisma,
      principal.tenantId,
      Prisma.sql`SELECT 1 AS found FROM delegated_administrators
                  WHERE tenant_id = ${principal.tenantId}::uuid AND organization_id = ${organizationId}
                    AND account_id = ${principal.accountId} AND service_principal = ${BILLING_SERVICE_PRINCIPAL}`,
    );
    return rows.length > 0;
  }
}

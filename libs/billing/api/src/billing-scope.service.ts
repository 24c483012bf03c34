import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENTS_PROJECTED_CHANNEL, listenForWakeUps, type WakeUpListener } from '@orgs/shared/event-store';
import { accessDenied, OrgsError } from '@orgs/shared/kernel';
import { decodeConsistencyToken, DEFAULT_CONSISTENCY_WAIT_MS, LOGGER, ORGS_CONFIG, PG_POOL, PRISMA, type Principal } from '@orgs/shared/nest';
import { decodeProjected, ProjectionWaiter } from '@orgs/shared/projector';
import { Prisma, queryAsTenant, type PrismaClient } from '@orgs/shared/read-models';
import type { Logger, OrgsConfig } from '@orgs/shared/runtime';
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
export class BillingScope implements OnModuleInit, OnModuleDestroy {
  private readonly waiter: ProjectionWaiter;
  private listener?: WakeUpListener;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(PG_POOL) pool: Pool,
    @Inject(ORGS_CONFIG) private readonly config: OrgsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.waiter = new ProjectionWaiter(pool, BILLING_PROJECTION);
  }

  async onModuleInit(): Promise<void> {
    this.listener = await listenForWakeUps(
      this.config.databaseUrl,
      EVENTS_PROJECTED_CHANNEL,
      (payload) => {
        const announced = decodeProjected(payload);
        if (announced && announced.name !== BILLING_PROJECTION) return;
        void this.waiter.projected(announced?.checkpoint).catch((e) => this.logger.warn({ err: e }, 'billing checkpoint read failed'));
      },
      (e) => this.logger.warn({ err: e }, 'billing projection listener error'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
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

import { Injectable } from '@nestjs/common';
import { ReadModels, type Principal } from '@orgs/shared/nest';
import type { TenantReadModels } from '@orgs/shared/read-models';
import { notInUse } from '@orgs/organizations/domain';

/** The read side of an organization as the caller sees it: its own tenant's rows only. */
@Injectable()
export class OrganizationReads {
  constructor(private readonly readModels: ReadModels) {}

  async tenant(principal: Principal, consistencyToken?: string | null): Promise<TenantReadModels> {
    return this.readModels.forTenant(principal.tenantId, consistencyToken);
  }

  /** The caller's account, organization and root; AWSOrganizationsNotInUseException if none. */
  async callersOrganization(principal: Principal, consistencyToken?: string | null) {
    const db = await this.tenant(principal, consistencyToken);
    const account = await db.account.findUnique({ where: { id: principal.accountId } });
    if (!account?.organizationId) throw notInUse();
    const [organization, root] = await Promise.all([
      db.organization.findUnique({ where: { id: account.organizationId } }),
      db.root.findFirst({ where: { organizationId: account.organizationId } }),
    ]);
    if (!organization || !root) throw notInUse();
    const isManagementAccount = organization.masterAccountId === principal.accountId;
    return { db, account, organization, root, isManagementAccount };
  }
}

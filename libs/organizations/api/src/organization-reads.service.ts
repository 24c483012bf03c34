import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL, ReadModels, type Principal } from '@orgs/shared/nest';
import { ReadModelChanges, type InvalidatedCache } from '@orgs/shared/projector';
import type { AccountRow, OrganizationRow, RootRow, TenantReadModels } from '@orgs/shared/read-models';
import { accessDenied } from '@orgs/shared/kernel';
import { delegatedAdministratorMayCall, notInUse, type DelegationRequest, type OrganizationQuotas } from '@orgs/organizations/domain';
import { tenantQuotas, tenantQuotasCache } from './organizational-units/tenant-quotas';

interface CallersOrganizationRow {
  account: AccountRow;
  organization: OrganizationRow | null;
  root: RootRow | null;
  /** A delegated administrator of its organization, for any service. */
  delegated: boolean;
}

/** The resources and condition keys a read acts on, as the delegation policy judges them. */
export type DelegatedReadRequest = Pick<DelegationRequest, 'resources' | 'context'>;

export type CallersOrganization = Awaited<ReturnType<OrganizationReads['callersOrganization']>>;

/** The read side of an organization as the caller sees it: its own tenant's rows only. */
@Injectable()
export class OrganizationReads {
  private readonly quotaCache: InvalidatedCache<OrganizationQuotas>;

  constructor(
    private readonly readModels: ReadModels,
    @Inject(PG_POOL) private readonly pool: Pool,
    changes: ReadModelChanges,
  ) {
    this.quotaCache = tenantQuotasCache(changes);
  }

  /** The caller's tenant's quotas (AWS's defaults where the operator set none). */
  async quotas(principal: Principal): Promise<OrganizationQuotas> {
    const { tenantId } = principal;
    return (await this.quotaCache.get(tenantId, async () => tenantQuotas(await this.tenant(principal), tenantId))) as OrganizationQuotas;
  }

  async tenant(principal: Principal, consistencyToken?: string | null): Promise<TenantReadModels> {
    return this.readModels.forTenant(principal.tenantId, consistencyToken);
  }

  /**
   * The caller's account, organization and root; AWSOrganizationsNotInUseException if none. One
   * statement (orgs_callers_organization): every read of the API starts here.
   */
  async callersOrganization(principal: Principal, consistencyToken?: string | null) {
    const db = await this.tenant(principal, consistencyToken);
    const { rows } = await this.pool.query<CallersOrganizationRow>({
      name: 'orgs_callers_organization',
      text: 'SELECT account, organization, root, delegated FROM orgs_callers_organization($1, $2)',
      values: [principal.tenantId, principal.accountId],
    });
    const row = rows[0];
    if (!row?.organization || !row.root) throw notInUse();
    const account = withDates(row.account, ['joinedTimestamp', 'createdAt']);
    const organization = withDates(row.organization, ['createdAt']);
    const isManagementAccount = organization.masterAccountId === principal.accountId;
    return { db, account, organization, root: row.root, isManagementAccount, isDelegatedAdministrator: row.delegated };
  }
  /**
   * The caller's organization for the read-only AWS `operation` (`ListAccounts`, ...): THE check of
   * who may read the organization. The management account may; `selfMayRead` lets a member read
   * what is its own; any other member may where delegatedAdministratorMayCall (the domain's one
   * place for delegated rights: a service's delegated administrator's default reads, and what the
   * organization's delegation policy grants) says so, judged on the resources and condition keys
   * `request` names (asked only then; none: `*`). Anyone else: AccessDeniedException.
   */
  async organizationReader(
    principal: Principal,
    consistencyToken: string | null | undefined,
    operation: string,
    selfMayRead = false,
    request?: (caller: CallersOrganization) => DelegatedReadRequest | Promise<DelegatedReadRequest>,
  ): Promise<CallersOrganization> {
    const caller = await this.callersOrganization(principal, consistencyToken);
    if (caller.isManagementAccount || selfMayRead) return caller;
    const call = { operation, accountId: principal.accountId, registered: caller.isDelegatedAdministrator };
    // A service's delegated administrator's default reads need neither the policy nor the resources.
    if (delegatedAdministratorMayCall({ ...call, resourcePolicyContent: null })) return caller;
    const policy = await caller.db.resourcePolicy.findFirst({ where: { tenantId: principal.tenantId, organizationId: caller.organization.id }, select: { content: true } });
    if (policy && delegatedAdministratorMayCall({ ...call, resourcePolicyContent: policy.content, ...(request ? await request(caller) : {}) })) return caller;
    throw accessDenied(`Only the management account or a delegated administrator can call ${operation}.`);
  }
}

/** JSON carries timestamps as strings; the Prisma row types say Date. */
function withDates<T extends object>(row: T, fields: (keyof T)[]): T {
  const copy = { ...row };
  for (const field of fields) {
    const value = copy[field] as unknown;
    if (typeof value === 'string') (copy as Record<keyof T, unknown>)[field] = new Date(value);
  }
  return copy;
}

import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandHandler } from '@orgs/shared/command-handling';
import { OrgsError } from '@orgs/shared/kernel';
import { CurrentCaller, encodeConsistencyToken, OperatorOnly, OperatorOrReads, ReadModels, type Caller } from '@orgs/shared/nest';
import { ProjectionWaiter } from '@orgs/shared/projector';
import { KEY_VISIBLE_WAIT_MS } from '../tenant-request';
import { tenantOfQuotaRead, tenantQuotasView, updateTenantQuotasRequest, validUpdate } from './tenant-quota-requests';
import { TenantQuotas, UpdateTenantQuotasInput, UpdateTenantQuotasResponse } from './tenant-quotas.types';

const tenantNotFound = (tenantId: string) => new OrgsError('TenantNotFoundException', `Tenant ${tenantId} was not found.`);

/**
 * The operator's per-tenant quotas (accounts and OUs per organization). They are decided on the
 * tenant's stream and projected into tenant_quotas, which CreateAccount, CreateOrganizationalUnit
 * and InviteAccountToOrganization read.
 */
@Resolver()
export class TenantQuotasResolver {
  constructor(
    private readonly commands: CommandHandler,
    private readonly readModels: ReadModels,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @OperatorOnly()
  @Mutation(() => UpdateTenantQuotasResponse, { description: 'Operator only: sets a tenant\'s quotas; null or absent means AWS\'s default.' })
  async updateTenantQuotas(@CurrentCaller() caller: Caller, @Args('input') input: UpdateTenantQuotasInput): Promise<UpdateTenantQuotasResponse> {
    const { tenantId, overrides } = validUpdate(input);
    const result = await this.commands.handle(updateTenantQuotasRequest(tenantId, overrides, caller, new Date()));
    // The resolvers read tenant_quotas: answer only once the next command is held to the new values.
    await this.waiter.waitFor(result.checkpoint, KEY_VISIBLE_WAIT_MS).catch(() => {
      throw new OrgsError('ConsistencyTimeoutException', `The quotas of tenant ${tenantId} are recorded but not in force yet. Retry to wait for them.`, undefined, true);
    });
    return { tenantQuotas: tenantQuotasView(tenantId, result.state.quotas), consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @OperatorOrReads()
  @Query(() => TenantQuotas, { description: 'The quotas in force (AWS\'s defaults merged): the operator names any tenant, an API key reads its own.' })
  async tenantQuotas(
    @CurrentCaller() caller: Caller,
    @Args('tenantId', { nullable: true, type: () => String }) tenantId?: string | null,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
  ): Promise<TenantQuotas> {
    const tenant = tenantOfQuotaRead(tenantId, caller);
    const db = await this.readModels.forTenant(tenant, consistencyToken);
    const [exists, row] = await Promise.all([db.tenant.count({ where: { id: tenant } }), db.tenantQuota.findUnique({ where: { tenantId: tenant } })]);
    if (exists === 0) throw tenantNotFound(tenant);
    return tenantQuotasView(tenant, { maxAccounts: row?.maxAccounts ?? null, maxOrganizationalUnits: row?.maxOrganizationalUnits ?? null });
  }
}

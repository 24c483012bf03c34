import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { CommandHandler } from '@orgs/shared/command-handling';
import { CurrentCaller, encodeConsistencyToken, LOGGER, OperatorOnly, type Caller } from '@orgs/shared/nest';
import type { Logger } from '@orgs/shared/runtime';
import { ProjectionWaiter } from '@orgs/shared/projector';
import { createTenantRequest, validateCreateTenant } from './create-tenant';
import { CreateTenantInput, CreateTenantResponse } from './tenant.types';
import { KEY_VISIBLE_WAIT_MS } from './tenant-request';

@Resolver()
export class TenantsResolver {
  constructor(
    private readonly commands: CommandHandler,
    private readonly waiter: ProjectionWaiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OperatorOnly()
  @Mutation(() => CreateTenantResponse, { description: 'Operator only: a tenant, its first account and an ADMIN key.' })
  async createTenant(@CurrentCaller() caller: Caller, @Args('input') input: CreateTenantInput): Promise<CreateTenantResponse> {
    validateCreateTenant(input);
    const { request, secret } = createTenantRequest(input, new Date(), caller);
    const result = await this.commands.handle(request);
    await this.waiter.waitFor(result.checkpoint, KEY_VISIBLE_WAIT_MS).catch((error) => {
      this.logger.warn({ err: error }, 'createTenant: the key is not projected yet; is the worker running?');
    });
    const [tenant, account, key] = result.events;
    if (tenant?.type !== 'TenantCreated' || account?.type !== 'AccountCreated' || key?.type !== 'ApiKeyIssued') throw new Error('unexpected events');
    return {
      tenant: { id: tenant.data.tenantId, name: tenant.data.name },
      account: { id: account.data.accountId, name: account.data.name, email: account.data.email },
      apiKey: secret,
      key: { id: key.data.apiKeyId, accountId: key.data.accountId, role: key.data.role, createdAt: key.data.issuedAt, revokedAt: null },
      consistencyToken: encodeConsistencyToken(result.checkpoint),
    };
  }
}

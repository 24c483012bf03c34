import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandHandler } from '@orgs/shared/command-handling';
import { accessDenied, OrgsError } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, LOGGER, pageOf, readPageRequest, ReadModels, Writes, type Principal } from '@orgs/shared/nest';
import { ProjectionWaiter } from '@orgs/shared/projector';
import type { Logger } from '@orgs/shared/runtime';
import { accountNotFound, mayManageKeysOf } from '@orgs/tenants/domain';
import { KEY_VISIBLE_WAIT_MS } from '../tenant-request';
import { apiKeyView, createApiKeyRequest, revokeApiKeyRequest, validateAccountId, validateApiKeyId } from './api-key-requests';
import {
  CreateApiKeyInput,
  CreateApiKeyResponse,
  ListApiKeysArgs,
  ListApiKeysResponse,
  RevokeApiKeyInput,
  RevokeApiKeyResponse,
} from './api-key.types';
import { keyOwnerFacts } from './key-owner-facts';

/**
 * API keys of the tenant's accounts. An account manages its own keys; the management account also
 * its members' keys. Keys are shown once and stored hashed; a revocation holds before it answers.
 */
@Resolver()
export class ApiKeysResolver {
  constructor(
    private readonly commands: CommandHandler,
    private readonly readModels: ReadModels,
    private readonly waiter: ProjectionWaiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Writes()
  @Mutation(() => CreateApiKeyResponse, { description: 'A new key for an account. Its secret is shown once.' })
  async createApiKey(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateApiKeyInput): Promise<CreateApiKeyResponse> {
    validateAccountId(input.accountId);
    const db = await this.readModels.forTenant(principal.tenantId, input.consistencyToken);
    const owner = await keyOwnerFacts(db, principal.tenantId, input.accountId);
    const { request, secret } = createApiKeyRequest(principal, input.accountId, input.role, owner, new Date());
    const result = await this.commands.handle(request);
    await this.waiter.waitFor(result.checkpoint, KEY_VISIBLE_WAIT_MS).catch((error) => {
      this.logger.warn({ err: error }, 'createApiKey: the key is not projected yet; is the worker running?');
    });
    const [issued] = result.events;
    if (issued?.type !== 'ApiKeyIssued') throw new OrgsError('ConcurrentModificationException', 'The key was not created. Try again.', undefined, true);
    const { apiKeyId, accountId, role, issuedAt } = issued.data;
    return {
      apiKey: secret,
      key: { id: apiKeyId, accountId, role, createdAt: issuedAt, revokedAt: null },
      consistencyToken: encodeConsistencyToken(result.checkpoint),
    };
  }

  @Query(() => ListApiKeysResponse, { description: 'An account\'s keys, revoked ones included, oldest first; never a secret or hash.' })
  async listApiKeys(@CurrentPrincipal() principal: Principal, @Args() args: ListApiKeysArgs): Promise<ListApiKeysResponse> {
    const page = { maxResults: args.maxResults, nextToken: args.nextToken };
    readPageRequest(page, principal.tenantId); // input is refused before anything is read
    const accountId = args.accountId ?? principal.accountId;
    validateAccountId(accountId);
    const db = await this.readModels.forTenant(principal.tenantId, args.consistencyToken);
    if (accountId !== principal.accountId) {
      const owner = await keyOwnerFacts(db, principal.tenantId, accountId);
      if (!owner) throw accountNotFound(accountId);
      if (!mayManageKeysOf(principal.accountId, owner)) throw accessDenied(`Account ${principal.accountId} may not list the API keys of account ${accountId}.`);
    }
    const rows = await db.apiKey.findMany({
      where: { tenantId: principal.tenantId, accountId },
      select: { id: true, accountId: true, role: true, createdAt: true, revokedAt: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const listed = pageOf(rows.map(apiKeyView), page, principal.tenantId);
    return { apiKeys: listed.items, nextToken: listed.nextToken };
  }

  @Writes()
  @Mutation(() => RevokeApiKeyResponse, { description: 'The key stops authenticating before this answers.' })
  async revokeApiKey(@CurrentPrincipal() principal: Principal, @Args('input') input: RevokeApiKeyInput): Promise<RevokeApiKeyResponse> {
    validateApiKeyId(input.apiKeyId);
    const db = await this.readModels.forTenant(principal.tenantId, input.consistencyToken);
    const row = await db.apiKey.findFirst({ where: { id: input.apiKeyId, tenantId: principal.tenantId }, select: { accountId: true } });
    const owner = row ? await keyOwnerFacts(db, principal.tenantId, row.accountId) : null;
    const result = await this.commands.handle(revokeApiKeyRequest(principal, input.apiKeyId, owner, new Date()));
    // orgs_find_api_key reads the projected row: answer only once the revocation is there.
    await this.waiter.waitFor(result.checkpoint, KEY_VISIBLE_WAIT_MS).catch(() => {
      throw new OrgsError(
        'ConsistencyTimeoutException',
        `The revocation of ${input.apiKeyId} is recorded but not in force yet. Retry to wait for it.`,
        undefined,
        true,
      );
    });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }
}

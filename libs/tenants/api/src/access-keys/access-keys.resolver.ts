import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandHandler } from '@orgs/shared/command-handling';
import { accessDenied, invalidInput, OrgsError } from '@orgs/shared/kernel';
import {
  AccessKeyPrincipals,
  auditMetadataOf,
  CurrentPrincipal,
  encodeConsistencyToken,
  isAccessKeyIdShaped,
  issueAccessKey,
  LOGGER,
  pageOf,
  readPageRequest,
  ReadModels,
  Writes,
  type Principal,
} from '@orgs/shared/nest';
import { ProjectionWaiter } from '@orgs/shared/projector';
import type { Logger } from '@orgs/shared/runtime';
import { accountNotFound, mayManageKeysOf, type ApiKeyRole } from '@orgs/tenants/domain';
import { validateAccountId } from '../api-keys/api-key-requests';
import { keyOwnerFacts } from '../api-keys/key-owner-facts';
import { KEY_VISIBLE_WAIT_MS, tenantRequest } from '../tenant-request';
import {
  CreateAccessKeyInput,
  CreateAccessKeyResponse,
  DeleteAccessKeyInput,
  DeleteAccessKeyResponse,
  ListAccessKeysArgs,
  ListAccessKeysResponse,
} from './access-key.types';

/**
 * Access keys for the AWS wire API (SigV4), with the permission model of API keys: an account
 * manages its own, the management account also its members'. The secret is shown once and kept
 * encrypted with ACCESS_KEY_SECRETS_KEY, since verifying a signature needs it.
 */
@Resolver()
export class AccessKeysResolver {
  constructor(
    private readonly commands: CommandHandler,
    private readonly readModels: ReadModels,
    private readonly waiter: ProjectionWaiter,
    private readonly accessKeys: AccessKeyPrincipals,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Writes()
  @Mutation(() => CreateAccessKeyResponse, { description: 'A new access key for an account. Its secret is shown once.' })
  async createAccessKey(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateAccessKeyInput): Promise<CreateAccessKeyResponse> {
    validateAccountId(input.accountId);
    const encryptionKey = this.accessKeys.encryptionKey;
    if (!encryptionKey) throw new OrgsError('ServiceException', 'Access keys are not configured: set ACCESS_KEY_SECRETS_KEY.');
    const db = await this.readModels.forTenant(principal.tenantId, input.consistencyToken);
    const owner = await keyOwnerFacts(db, principal.tenantId, input.accountId);
    const key = issueAccessKey(encryptionKey);
    const at = new Date().toISOString();
    const result = await this.commands.handle(
      tenantRequest(
        principal.tenantId,
        () => ({
          type: 'CreateAccessKey',
          data: { accountId: input.accountId, role: input.role, accessKeyId: key.accessKeyId, secretCiphertext: key.secretCiphertext, actingAccountId: principal.accountId, owner, at },
        }),
        auditMetadataOf(principal),
      ),
    );
    await this.waiter.waitFor(result.checkpoint, KEY_VISIBLE_WAIT_MS).catch((error) => {
      this.logger.warn({ err: error }, 'createAccessKey: the key is not projected yet; is the worker running?');
    });
    const [created] = result.events;
    if (created?.type !== 'AccessKeyCreated') throw new OrgsError('ConcurrentModificationException', 'The key was not created. Try again.', undefined, true);
    const { accessKeyId, accountId, role, createdAt } = created.data;
    return { accessKey: { accessKeyId, accountId, role, createdAt }, secretAccessKey: key.secretAccessKey, consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Query(() => ListAccessKeysResponse, { description: 'An account\'s access keys (not deleted ones), oldest first; never a secret.' })
  async listAccessKeys(@CurrentPrincipal() principal: Principal, @Args() args: ListAccessKeysArgs): Promise<ListAccessKeysResponse> {
    const page = { maxResults: args.maxResults, nextToken: args.nextToken };
    readPageRequest(page, principal.tenantId);
    const accountId = args.accountId ?? principal.accountId;
    validateAccountId(accountId);
    const db = await this.readModels.forTenant(principal.tenantId, args.consistencyToken);
    if (accountId !== principal.accountId) {
      const owner = await keyOwnerFacts(db, principal.tenantId, accountId);
      if (!owner) throw accountNotFound(accountId);
      if (!mayManageKeysOf(principal.accountId, owner)) throw accessDenied(`Account ${principal.accountId} may not list the access keys of account ${accountId}.`);
    }
    const rows = await db.accessKey.findMany({
      where: { tenantId: principal.tenantId, accountId, deletedAt: null },
      select: { id: true, accountId: true, role: true, createdAt: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const views = rows.map((row) => ({ accessKeyId: row.id, accountId: row.accountId, role: row.role as ApiKeyRole, createdAt: row.createdAt.toISOString() }));
    const listed = pageOf(views, page, principal.tenantId);
    return { accessKeys: listed.items, nextToken: listed.nextToken };
  }

  @Writes()
  @Mutation(() => DeleteAccessKeyResponse, { description: 'The key stops verifying before this answers.' })
  async deleteAccessKey(@CurrentPrincipal() principal: Principal, @Args('input') input: DeleteAccessKeyInput): Promise<DeleteAccessKeyResponse> {
    if (!isAccessKeyIdShaped(input.accessKeyId)) throw invalidInput('INVALID_PATTERN', 'accessKeyId is not an access key id (AKIA...).');
    const db = await this.readModels.forTenant(principal.tenantId, input.consistencyToken);
    const row = await db.accessKey.findFirst({ where: { id: input.accessKeyId, tenantId: principal.tenantId }, select: { accountId: true } });
    const owner = row ? await keyOwnerFacts(db, principal.tenantId, row.accountId) : null;
    const at = new Date().toISOString();
    const result = await this.commands.handle(
      tenantRequest(
        principal.tenantId,
        () => ({ type: 'DeleteAccessKey', data: { accessKeyId: input.accessKeyId, actingAccountId: principal.accountId, owner, at } }),
        auditMetadataOf(principal),
      ),
    );
    await this.waiter.waitFor(result.checkpoint, KEY_VISIBLE_WAIT_MS).catch(() => {
      throw new OrgsError('ConsistencyTimeoutException', `The deletion of ${input.accessKeyId} is recorded but not in force yet. Retry to wait for it.`, undefined, true);
    });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }
}

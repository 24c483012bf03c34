import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandHandler } from '@orgs/shared/command-handling';
import { OrgsError } from '@orgs/shared/kernel';
import { CurrentCaller, encodeConsistencyToken, LOGGER, OperatorOrWrites, type Caller } from '@orgs/shared/nest';
import { ProjectionWaiter } from '@orgs/shared/projector';
import type { Logger } from '@orgs/shared/runtime';
import { KEY_VISIBLE_WAIT_MS } from '../tenant-request';
import { registerStandaloneAccountRequest, tenantOfRegistration } from './register-standalone-account';
import { RegisterStandaloneAccountInput, RegisterStandaloneAccountResponse } from './standalone-account.types';

@Resolver()
export class StandaloneAccountsResolver {
  constructor(
    private readonly commands: CommandHandler,
    private readonly waiter: ProjectionWaiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @OperatorOrWrites()
  @Mutation(() => RegisterStandaloneAccountResponse, {
    description: 'The operator (naming the tenant) or an ADMIN key (in its tenant): an account outside any organization, with an ADMIN key.',
  })
  async registerStandaloneAccount(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RegisterStandaloneAccountInput,
  ): Promise<RegisterStandaloneAccountResponse> {
    const tenantId = tenantOfRegistration(input, caller);
    const { request, secret } = registerStandaloneAccountRequest(tenantId, input, caller, new Date());
    const result = await this.commands.handle(request);
    await this.waiter.waitFor(result.checkpoint, KEY_VISIBLE_WAIT_MS).catch((error) => {
      this.logger.warn({ err: error }, 'registerStandaloneAccount: the key is not projected yet; is the worker running?');
    });
    const [account, key] = result.events;
    if (account?.type !== 'AccountCreated' || key?.type !== 'ApiKeyIssued') {
      throw new OrgsError('ConcurrentModificationException', 'The account was not registered. Try again.', undefined, true);
    }
    return {
      account: { id: account.data.accountId, name: account.data.name, email: account.data.email },
      apiKey: secret,
      key: { id: key.data.apiKeyId, accountId: key.data.accountId, role: key.data.role, createdAt: key.data.issuedAt, revokedAt: null },
      consistencyToken: encodeConsistencyToken(result.checkpoint),
    };
  }
}

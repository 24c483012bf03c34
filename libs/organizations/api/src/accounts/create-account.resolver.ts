import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertValidInput, newCreateAccountRequestId, OrgsError, type CreateAccountState } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, readPageRequest, Writes, type Principal } from '@orgs/shared/nest';
import { validateCreateAccountInput, type CreateAccountRequestedEvent } from '@orgs/organizations/domain';
import { OrganizationCommands } from '../organization-commands.service';
import { OrganizationReads } from '../organization-reads.service';
import { tagsOf } from '../tags/tag.types';
import { describeCreateAccountStatus, listCreateAccountStatus } from './account-queries';
import { accountScope } from './account-scope';
import {
  CreateAccountInput,
  CreateAccountResponse,
  CreateAccountStateEnum,
  DescribeCreateAccountStatusResponse,
  ListCreateAccountStatusResponse,
} from './account.types';

const token = { nullable: true, type: () => String };

/**
 * CreateAccount and its status. The request is recorded at once; the account-creation job (see
 * @orgs/organizations/jobs) makes the account, and the caller polls describeCreateAccountStatus.
 */
@Resolver()
export class CreateAccountResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
  ) {}

  @Writes()
  @Mutation(() => CreateAccountResponse)
  async createAccount(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateAccountInput): Promise<CreateAccountResponse> {
    const data = { ...input, tags: tagsOf(input.tags) };
    validateCreateAccountInput(data);
    const quotas = await this.reads.quotas(principal);
    const result = await this.commands.execute(principal, () => ({ type: 'CreateAccount', data: { ...data, requestId: newCreateAccountRequestId(), quotas } }));
    const requested = result.events.find((e): e is CreateAccountRequestedEvent => e.type === 'CreateAccountRequested');
    if (!requested) throw new OrgsError('ConcurrentModificationException', 'The account request was not recorded. Try again.', undefined, true);
    const { requestId, accountName, requestedAt } = requested.data;
    return {
      createAccountStatus: {
        id: requestId,
        accountName,
        state: 'IN_PROGRESS',
        requestedTimestamp: new Date(requestedAt),
        completedTimestamp: null,
        accountId: null,
        govCloudAccountId: null,
        failureReason: null,
      },
      consistencyToken: encodeConsistencyToken(result.checkpoint),
    };
  }

  @Query(() => DescribeCreateAccountStatusResponse)
  async describeCreateAccountStatus(
    @CurrentPrincipal() principal: Principal,
    @Args('createAccountRequestId') createAccountRequestId: string,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<DescribeCreateAccountStatusResponse> {
    assertValidInput('CreateAccountRequestId', 'createAccountRequestId', createAccountRequestId);
    const scope = await accountScope(this.reads, principal, consistencyToken, 'DescribeCreateAccountStatus');
    return { createAccountStatus: await describeCreateAccountStatus(scope, createAccountRequestId) };
  }

  @Query(() => ListCreateAccountStatusResponse)
  async listCreateAccountStatus(
    @CurrentPrincipal() principal: Principal,
    @Args('states', { nullable: true, type: () => [CreateAccountStateEnum] }) states?: CreateAccountState[] | null,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListCreateAccountStatusResponse> {
    for (const state of states ?? []) assertValidInput('CreateAccountState', 'states', state);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const scope = await accountScope(this.reads, principal, consistencyToken, 'ListCreateAccountStatus');
    const page = await listCreateAccountStatus(scope, states, { maxResults, nextToken });
    return { createAccountStatuses: page.items, nextToken: page.nextToken };
  }
}

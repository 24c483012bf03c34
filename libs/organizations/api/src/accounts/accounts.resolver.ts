import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertValidInput } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, readPageRequest, Writes, type Principal } from '@orgs/shared/nest';
import { accountReleases } from '@orgs/organizations/domain';
import { OrganizationCommands } from '../organization-commands.service';
import { OrganizationReads } from '../organization-reads.service';
import { OrganizationHistory } from '../time-travel/organization-history.service';
import { asOfArg, type AsOfInput } from '../time-travel/as-of.input';
import { pastAnswers } from '../time-travel/past-answers';
import { describeAccount, listAccounts, listAccountsForParent } from './account-queries';
import { accountScope, createdAccountWaitPeriodMs } from './account-scope';
import {
  CloseAccountInput,
  CloseAccountResponse,
  DescribeAccountResponse,
  LeaveOrganizationResponse,
  ListAccountsResponse,
  MoveAccountInput,
  MoveAccountResponse,
  RemoveAccountFromOrganizationInput,
  RemoveAccountFromOrganizationResponse,
} from './account.types';

const token = { nullable: true, type: () => String };

/** The organization's member accounts: reads, moves, departures and closure. */
@Resolver()
export class AccountsResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
    private readonly history: OrganizationHistory,
  ) {}

  /** The management account describes any account; a member only its own. */
  @Query(() => DescribeAccountResponse)
  async describeAccount(
    @CurrentPrincipal() principal: Principal,
    @Args('accountId') accountId: string,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<DescribeAccountResponse> {
    assertValidInput('AccountId', 'accountId', accountId);
    if (asOf) {
      const state = await this.history.stateAsOf(principal, asOf, { operation: 'DescribeAccount', selfMayRead: accountId === principal.accountId });
      return { account: pastAnswers.describeAccount(state, accountId) };
    }
    const scope = await accountScope(this.reads, principal, consistencyToken, 'DescribeAccount', accountId === principal.accountId, accountId);
    return { account: await describeAccount(scope, accountId) };
  }

  @Query(() => ListAccountsResponse)
  async listAccounts(
    @CurrentPrincipal() principal: Principal,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<ListAccountsResponse> {
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const page = asOf
      ? pastAnswers.listAccounts(await this.history.stateAsOf(principal, asOf, { operation: 'ListAccounts' }), { maxResults, nextToken }, principal.tenantId)
      : await listAccounts(await accountScope(this.reads, principal, consistencyToken, 'ListAccounts'), { maxResults, nextToken });
    return { accounts: page.items, nextToken: page.nextToken };
  }

  @Query(() => ListAccountsResponse)
  async listAccountsForParent(
    @CurrentPrincipal() principal: Principal,
    @Args('parentId') parentId: string,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<ListAccountsResponse> {
    assertValidInput('ParentId', 'parentId', parentId);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const page = asOf
      ? pastAnswers.listAccountsForParent(await this.history.stateAsOf(principal, asOf, { operation: 'ListAccountsForParent' }), parentId, { maxResults, nextToken }, principal.tenantId)
      : await listAccountsForParent(await accountScope(this.reads, principal, consistencyToken, 'ListAccountsForParent', false, parentId), parentId, { maxResults, nextToken });
    return { accounts: page.items, nextToken: page.nextToken };
  }

  @Writes()
  @Mutation(() => MoveAccountResponse)
  async moveAccount(@CurrentPrincipal() principal: Principal, @Args('input') input: MoveAccountInput): Promise<MoveAccountResponse> {
    assertValidInput('AccountId', 'accountId', input.accountId);
    assertValidInput('ParentId', 'sourceParentId', input.sourceParentId);
    assertValidInput('ParentId', 'destinationParentId', input.destinationParentId);
    const { accountId, sourceParentId, destinationParentId } = input;
    const result = await this.commands.execute(principal, { type: 'MoveAccount', data: { accountId, sourceParentId, destinationParentId } });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => RemoveAccountFromOrganizationResponse)
  async removeAccountFromOrganization(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RemoveAccountFromOrganizationInput,
  ): Promise<RemoveAccountFromOrganizationResponse> {
    assertValidInput('AccountId', 'accountId', input.accountId);
    const data = { accountId: input.accountId, waitPeriodMs: createdAccountWaitPeriodMs() };
    const result = await this.commands.execute(principal, { type: 'RemoveAccountFromOrganization', data }, { releases: accountReleases });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  /** Called with the leaving member's own key. */
  @Writes()
  @Mutation(() => LeaveOrganizationResponse)
  async leaveOrganization(@CurrentPrincipal() principal: Principal): Promise<LeaveOrganizationResponse> {
    const data = { waitPeriodMs: createdAccountWaitPeriodMs() };
    const result = await this.commands.execute(principal, { type: 'LeaveOrganization', data }, { releases: accountReleases });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => CloseAccountResponse)
  async closeAccount(@CurrentPrincipal() principal: Principal, @Args('input') input: CloseAccountInput): Promise<CloseAccountResponse> {
    assertValidInput('AccountId', 'accountId', input.accountId);
    const result = await this.commands.execute(principal, { type: 'CloseAccount', data: { accountId: input.accountId } });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }
}

import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertValidInput, cryptoRandom, OrgsError } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, readPageRequest, Writes, type Principal } from '@orgs/shared/nest';
import type { ResourcePolicyPut, ServiceCatalogue } from '@orgs/organizations/domain';
import { OrganizationCommands } from '../organization-commands.service';
import { OrganizationReads } from '../organization-reads.service';
import { SERVICE_CATALOGUE } from '../trusted-access/service-catalogue.provider';
import type { OrganizationScope } from '../trusted-access/trusted-access-queries';
import { describeResourcePolicy, listDelegatedAdministrators, listDelegatedServicesForAccount } from './delegated-administrator-queries';
import {
  DelegatedAdministratorInput,
  DeleteResourcePolicyResponse,
  DeregisterDelegatedAdministratorResponse,
  DescribeResourcePolicyResponse,
  ListDelegatedAdministratorsResponse,
  ListDelegatedServicesForAccountResponse,
  PutResourcePolicyInput,
  PutResourcePolicyResponse,
  RegisterDelegatedAdministratorResponse,
} from './delegated-administrators.types';

const token = { nullable: true, type: () => String };
/** `rp-` and 12 characters of the model's [0-9a-zA-Z_]{4,128}. */
const newResourcePolicyId = () => `rp-${cryptoRandom('abcdefghijklmnopqrstuvwxyz0123456789', 12)}`;

/** Delegated administrators for services, and the organization's resource-based delegation policy. */
@Resolver()
export class DelegatedAdministratorsResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
    @Inject(SERVICE_CATALOGUE) private readonly catalogue: ServiceCatalogue,
  ) {}

  @Writes()
  @Mutation(() => RegisterDelegatedAdministratorResponse)
  async registerDelegatedAdministrator(@CurrentPrincipal() principal: Principal, @Args('input') input: DelegatedAdministratorInput): Promise<RegisterDelegatedAdministratorResponse> {
    const data = { ...this.checked(input), catalogue: this.catalogue };
    const result = await this.commands.execute(principal, { type: 'RegisterDelegatedAdministrator', data });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => DeregisterDelegatedAdministratorResponse)
  async deregisterDelegatedAdministrator(@CurrentPrincipal() principal: Principal, @Args('input') input: DelegatedAdministratorInput): Promise<DeregisterDelegatedAdministratorResponse> {
    const data = { ...this.checked(input), catalogue: this.catalogue };
    const result = await this.commands.execute(principal, { type: 'DeregisterDelegatedAdministrator', data });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Query(() => ListDelegatedAdministratorsResponse)
  async listDelegatedAdministrators(
    @CurrentPrincipal() principal: Principal,
    @Args('servicePrincipal', token) servicePrincipal?: string | null,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListDelegatedAdministratorsResponse> {
    if (servicePrincipal !== undefined && servicePrincipal !== null) assertValidInput('ServicePrincipal', 'servicePrincipal', servicePrincipal);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const scope = await this.scope(principal, consistencyToken, 'ListDelegatedAdministrators');
    const page = await listDelegatedAdministrators(scope, servicePrincipal, { maxResults, nextToken });
    return { delegatedAdministrators: page.items, nextToken: page.nextToken };
  }

  @Query(() => ListDelegatedServicesForAccountResponse)
  async listDelegatedServicesForAccount(
    @CurrentPrincipal() principal: Principal,
    @Args('accountId') accountId: string,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListDelegatedServicesForAccountResponse> {
    assertValidInput('AccountId', 'accountId', accountId);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const scope = await this.scope(principal, consistencyToken, 'ListDelegatedServicesForAccount');
    const page = await listDelegatedServicesForAccount(scope, accountId, { maxResults, nextToken });
    return { delegatedServices: page.items, nextToken: page.nextToken };
  }

  /** Creates or replaces the delegation policy. Tags are not taken (AWS takes them at creation only): not served yet. */
  @Writes()
  @Mutation(() => PutResourcePolicyResponse)
  async putResourcePolicy(@CurrentPrincipal() principal: Principal, @Args('input') input: PutResourcePolicyInput): Promise<PutResourcePolicyResponse> {
    assertValidInput('ResourcePolicyContent', 'content', input.content);
    const result = await this.commands.execute(principal, () => ({ type: 'PutResourcePolicy', data: { content: input.content, resourcePolicyId: newResourcePolicyId() } }));
    const put = result.events.find((e): e is ResourcePolicyPut => e.type === 'ResourcePolicyPut');
    if (!put) throw new OrgsError('ConcurrentModificationException', 'The resource policy was not saved. Try again.', undefined, true);
    const resourcePolicy = { resourcePolicySummary: { id: put.data.resourcePolicyId, arn: put.data.arn }, content: put.data.content };
    return { resourcePolicy, consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Query(() => DescribeResourcePolicyResponse)
  async describeResourcePolicy(@CurrentPrincipal() principal: Principal, @Args('consistencyToken', token) consistencyToken?: string | null): Promise<DescribeResourcePolicyResponse> {
    return { resourcePolicy: await describeResourcePolicy(await this.scope(principal, consistencyToken, 'DescribeResourcePolicy')) };
  }

  @Writes()
  @Mutation(() => DeleteResourcePolicyResponse)
  async deleteResourcePolicy(@CurrentPrincipal() principal: Principal): Promise<DeleteResourcePolicyResponse> {
    const result = await this.commands.execute(principal, { type: 'DeleteResourcePolicy', data: {} });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  private checked(input: DelegatedAdministratorInput) {
    assertValidInput('AccountId', 'accountId', input.accountId);
    assertValidInput('ServicePrincipal', 'servicePrincipal', input.servicePrincipal);
    return { accountId: input.accountId, servicePrincipal: input.servicePrincipal };
  }

  private async scope(principal: Principal, consistencyToken: string | null | undefined, operation: string): Promise<OrganizationScope> {
    const { db, organization } = await this.reads.organizationReader(principal, consistencyToken, operation);
    return { db, tenantId: principal.tenantId, organizationId: organization.id };
  }
}

import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandHandler } from '@orgs/shared/command-handling';
import { EventStore } from '@orgs/shared/event-store';
import { accessDenied, assertValidInput, OrgsError } from '@orgs/shared/kernel';
import {
  CurrentPrincipal,
  encodeConsistencyToken,
  pageOf,
  ReadModels,
  readPageRequest,
  Writes,
  type Principal,
} from '@orgs/shared/nest';
import { MEMBERSHIP_NAMESPACE } from '@orgs/organizations/domain';
import { createOrganizationRequest, deleteOrganizationRequest } from './organization-commands';
import { organizationFromEvent, organizationView, rootView } from './organization-views';
import {
  CreateOrganizationInput,
  CreateOrganizationResponse,
  DeleteOrganizationResponse,
  DescribeOrganizationResponse,
  ListRootsResponse,
} from './organization.types';

const notInUse = () =>
  new OrgsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');

@Resolver()
export class OrganizationsResolver {
  constructor(
    private readonly commands: CommandHandler,
    private readonly events: EventStore,
    private readonly readModels: ReadModels,
  ) {}

  @Writes()
  @Mutation(() => CreateOrganizationResponse)
  async createOrganization(
    @CurrentPrincipal() principal: Principal,
    @Args('input', { nullable: true }) input?: CreateOrganizationInput,
  ): Promise<CreateOrganizationResponse> {
    const featureSet = input?.featureSet ?? 'ALL';
    assertValidInput('OrganizationFeatureSet', 'featureSet', featureSet);
    const db = await this.readModels.forTenant(principal.tenantId);
    const account = await db.account.findUnique({ where: { id: principal.accountId } });
    if (!account) throw new OrgsError('AccountNotFoundException', `Account ${principal.accountId} was not found.`);
    const result = await this.commands.handle(createOrganizationRequest(principal, account.email, featureSet, new Date()));
    const created = result.events.find((e) => e.type === 'OrganizationCreated');
    if (!created || created.type !== 'OrganizationCreated') throw notInUse();
    return { organization: organizationFromEvent(created.data), consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Query(() => DescribeOrganizationResponse)
  async describeOrganization(
    @CurrentPrincipal() principal: Principal,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
  ): Promise<DescribeOrganizationResponse> {
    const { organization, root } = await this.callersOrganization(principal, consistencyToken);
    return { organization: organizationView(organization, rootView(root).policyTypes) };
  }

  @Query(() => ListRootsResponse)
  async listRoots(
    @CurrentPrincipal() principal: Principal,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', { nullable: true, type: () => String }) nextToken?: string | null,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
  ): Promise<ListRootsResponse> {
    readPageRequest({ maxResults, nextToken }, principal.tenantId); // input is refused before anything is read
    const { organization, root } = await this.callersOrganization(principal, consistencyToken);
    if (organization.masterAccountId !== principal.accountId) throw accessDenied('Only the management account can list roots.');
    const page = pageOf([rootView(root)], { maxResults, nextToken }, principal.tenantId);
    return { roots: page.items, nextToken: page.nextToken };
  }

  @Writes()
  @Mutation(() => DeleteOrganizationResponse)
  async deleteOrganization(@CurrentPrincipal() principal: Principal): Promise<DeleteOrganizationResponse> {
    // Which organization the caller is in comes from the write side, never from a lagging read model.
    const holder = await this.events.findReservationHolder(principal.tenantId, {
      namespace: MEMBERSHIP_NAMESPACE,
      value: principal.accountId,
    });
    if (!holder) throw notInUse();
    const result = await this.commands.handle(deleteOrganizationRequest(principal, holder, new Date()));
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  private async callersOrganization(principal: Principal, consistencyToken?: string | null) {
    const db = await this.readModels.forTenant(principal.tenantId, consistencyToken);
    const account = await db.account.findUnique({ where: { id: principal.accountId } });
    if (!account?.organizationId) throw notInUse();
    const [organization, root] = await Promise.all([
      db.organization.findUnique({ where: { id: account.organizationId } }),
      db.root.findFirst({ where: { organizationId: account.organizationId } }),
    ]);
    if (!organization || !root) throw notInUse();
    return { organization, root };
  }
}

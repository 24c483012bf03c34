import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertValidInput, newOrganizationId, newRootId, OrgsError } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, pageOf, readPageRequest, ReadModels, Writes, type Principal } from '@orgs/shared/nest';
import { MEMBERSHIP_NAMESPACE, organizationStreamId, type OrganizationEvent } from '@orgs/organizations/domain';
import { OrganizationCommands } from '../organization-commands.service';
import { OrganizationReads } from '../organization-reads.service';
import { OrganizationHistory } from '../time-travel/organization-history.service';
import { asOfArg, type AsOfInput } from '../time-travel/as-of.input';
import { pastOrganization, pastRoot } from '../time-travel/past-views';
import { organizationFromEvent, organizationView, rootView } from './organization-views';
import {
  CreateOrganizationInput,
  CreateOrganizationResponse,
  DeleteOrganizationResponse,
  DescribeOrganizationResponse,
  ListRootsResponse,
} from './organization.types';

const membershipOf = (accountId: string) => [{ namespace: MEMBERSHIP_NAMESPACE, value: accountId }];
const ROOT_ID_NAMESPACE = 'root-id';
const rootIdsOf = (events: OrganizationEvent[]) =>
  events.flatMap((e) => (e.type === 'OrganizationCreated' ? [{ namespace: ROOT_ID_NAMESPACE, value: e.data.root.id }] : []));

@Resolver()
export class OrganizationLifecycleResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
    private readonly readModels: ReadModels,
    private readonly history: OrganizationHistory,
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
    const organizationId = newOrganizationId();
    const result = await this.commands.execute(
      principal,
      // A function: a root id that another organization drew already is drawn again.
      () => ({
        type: 'CreateOrganization',
        data: { organizationId, rootId: newRootId(), featureSet, managementAccountName: account.name, managementAccountEmail: account.email },
      }),
      {
        streamId: organizationStreamId(organizationId),
        // The membership claim is what makes "already in an organization" hold across organizations;
        // root ids are 4 characters, so they are claimed too (the read model keys roots by id alone).
        reservations: (events) => [...membershipOf(principal.accountId), ...rootIdsOf(events)],
        reservationConflict: (namespace) =>
          namespace === ROOT_ID_NAMESPACE
            ? undefined
            : new OrgsError('AlreadyInOrganizationException', 'This account is already a member of an organization.'),
      },
    );
    const created = result.events.find((e): e is Extract<OrganizationEvent, { type: 'OrganizationCreated' }> => e.type === 'OrganizationCreated');
    if (!created) throw new OrgsError('ConcurrentModificationException', 'The organization was not created. Try again.', undefined, true);
    return { organization: organizationFromEvent(created.data), consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Query(() => DescribeOrganizationResponse)
  async describeOrganization(
    @CurrentPrincipal() principal: Principal,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<DescribeOrganizationResponse> {
    if (asOf) return { organization: pastOrganization(await this.history.stateAsOf(principal, asOf, 'member')) };
    const { organization, root } = await this.reads.callersOrganization(principal, consistencyToken);
    return { organization: organizationView(organization, rootView(root).policyTypes) };
  }

  @Query(() => ListRootsResponse)
  async listRoots(
    @CurrentPrincipal() principal: Principal,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', { nullable: true, type: () => String }) nextToken?: string | null,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<ListRootsResponse> {
    readPageRequest({ maxResults, nextToken }, principal.tenantId); // input is refused before anything is read
    if (asOf) {
      const past = pageOf([pastRoot(await this.history.stateAsOf(principal, asOf, { operation: 'ListRoots' }))], { maxResults, nextToken }, principal.tenantId);
      return { roots: past.items, nextToken: past.nextToken };
    }
    const { root } = await this.reads.organizationReader(principal, consistencyToken, 'ListRoots');
    const page = pageOf([rootView(root)], { maxResults, nextToken }, principal.tenantId);
    return { roots: page.items, nextToken: page.nextToken };
  }

  @Writes()
  @Mutation(() => DeleteOrganizationResponse)
  async deleteOrganization(@CurrentPrincipal() principal: Principal): Promise<DeleteOrganizationResponse> {
    const result = await this.commands.execute(principal, { type: 'DeleteOrganization', data: {} }, {
      releases: (events) => events.flatMap((e) => (e.type === 'OrganizationDeleted' ? membershipOf(e.data.managementAccountId) : [])),
    });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }
}

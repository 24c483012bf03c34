import { Inject } from '@nestjs/common';
import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { accessDenied, invalidInput } from '@orgs/shared/kernel';
import { CurrentPrincipal, PRISMA, type Principal } from '@orgs/shared/nest';
import type { PrismaClient } from '@orgs/shared/read-models';
import { OrganizationReads } from '../organization-reads.service';
import { rootView } from '../organization-lifecycle/organization-views';
import { GraphLoaders, type ChildrenPage } from './graph-loaders';
import { OrganizationHistory } from '../time-travel/organization-history.service';
import { asOfArg, type AsOfInput } from '../time-travel/as-of.input';
import { pastAccountsPage, pastOrganizationalUnitsPage, pastOrganizationNode, pastTags } from '../time-travel/past-graph';
import type { OrganizationState } from '@orgs/organizations/domain';
import {
  AccountConnection,
  AccountNode,
  GraphTag,
  OrganizationalUnitConnection,
  OrganizationalUnitNode,
  OrganizationNode,
  RootNode,
} from './graph.types';

const MAX_PAGE = 1_000;
const DEFAULT_PAGE = 100;

interface GraphContext {
  graphLoaders?: GraphLoaders;
}

/** The tree as a portal reads it: `organization { root { organizationalUnits { ... } accounts { ... } } }`. */
@Resolver(() => OrganizationNode)
export class OrganizationGraphResolver {
  constructor(
    private readonly reads: OrganizationReads,
    private readonly history: OrganizationHistory,
  ) {}

  @Query(() => OrganizationNode, { description: 'The caller\'s organization as a graph (management account).' })
  async organization(
    @CurrentPrincipal() principal: Principal,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<OrganizationNode> {
    if (asOf) return pastOrganizationNode(await this.history.stateAsOf(principal, asOf, 'management'));
    const { organization, root, isManagementAccount } = await this.reads.callersOrganization(principal, consistencyToken);
    if (!isManagementAccount) throw accessDenied('Only the management account can read the organization\'s tree.');
    return {
      id: organization.id,
      arn: organization.arn,
      featureSet: organization.featureSet as OrganizationNode['featureSet'],
      masterAccountId: organization.masterAccountId,
      masterAccountArn: organization.masterAccountArn,
      masterAccountEmail: organization.masterAccountEmail,
      root: rootView(root),
    };
  }
}

/** Children of the root and of OUs, and their tags, through the request's batched loaders. */
abstract class ParentFields {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  protected loaders(context: GraphContext, principal: Principal): GraphLoaders {
    context.graphLoaders ??= new GraphLoaders(this.prisma, principal.tenantId);
    return context.graphLoaders;
  }

  protected async ouPage(context: GraphContext, principal: Principal, parentId: string, first?: number | null, after?: string | null, past?: OrganizationState) {
    const page = past ? pastOrganizationalUnitsPage(past, pageKey(parentId, first, after)) : await this.loaders(context, principal).organizationalUnits.load(pageKey(parentId, first, after));
    return connection(page) as OrganizationalUnitConnection;
  }

  protected async accountPage(context: GraphContext, principal: Principal, parentId: string, first?: number | null, after?: string | null, past?: OrganizationState) {
    const page = past ? pastAccountsPage(past, pageKey(parentId, first, after)) : await this.loaders(context, principal).accounts.load(pageKey(parentId, first, after));
    return connection(page) as AccountConnection;
  }

  protected tagsOf(context: GraphContext, principal: Principal, resourceId: string, past?: OrganizationState): Promise<GraphTag[]> {
    if (past) return Promise.resolve(pastTags(past, resourceId));
    return this.loaders(context, principal).tags.load(resourceId);
  }
}

@Resolver(() => RootNode)
export class RootNodeResolver extends ParentFields {
  @ResolveField(() => OrganizationalUnitConnection)
  organizationalUnits(
    @Parent() root: RootNode,
    @CurrentPrincipal() principal: Principal,
    @Context() context: GraphContext,
    @Args('first', { nullable: true, type: () => Int }) first?: number | null,
    @Args('after', { nullable: true, type: () => String }) after?: string | null,
  ) {
    return this.ouPage(context, principal, root.id, first, after, root.past);
  }

  @ResolveField(() => AccountConnection)
  accounts(
    @Parent() root: RootNode,
    @CurrentPrincipal() principal: Principal,
    @Context() context: GraphContext,
    @Args('first', { nullable: true, type: () => Int }) first?: number | null,
    @Args('after', { nullable: true, type: () => String }) after?: string | null,
  ) {
    return this.accountPage(context, principal, root.id, first, after, root.past);
  }

  @ResolveField(() => [GraphTag])
  tags(@Parent() root: RootNode, @CurrentPrincipal() principal: Principal, @Context() context: GraphContext) {
    return this.tagsOf(context, principal, root.id, root.past);
  }
}

@Resolver(() => OrganizationalUnitNode)
export class OrganizationalUnitNodeResolver extends ParentFields {
  @ResolveField(() => OrganizationalUnitConnection)
  organizationalUnits(
    @Parent() ou: OrganizationalUnitNode,
    @CurrentPrincipal() principal: Principal,
    @Context() context: GraphContext,
    @Args('first', { nullable: true, type: () => Int }) first?: number | null,
    @Args('after', { nullable: true, type: () => String }) after?: string | null,
  ) {
    return this.ouPage(context, principal, ou.id, first, after, ou.past);
  }

  @ResolveField(() => AccountConnection)
  accounts(
    @Parent() ou: OrganizationalUnitNode,
    @CurrentPrincipal() principal: Principal,
    @Context() context: GraphContext,
    @Args('first', { nullable: true, type: () => Int }) first?: number | null,
    @Args('after', { nullable: true, type: () => String }) after?: string | null,
  ) {
    return this.accountPage(context, principal, ou.id, first, after, ou.past);
  }

  @ResolveField(() => [GraphTag])
  tags(@Parent() ou: OrganizationalUnitNode, @CurrentPrincipal() principal: Principal, @Context() context: GraphContext) {
    return this.tagsOf(context, principal, ou.id, ou.past);
  }
}

@Resolver(() => AccountNode)
export class AccountNodeResolver extends ParentFields {
  @ResolveField(() => [GraphTag])
  tags(@Parent() account: AccountNode, @CurrentPrincipal() principal: Principal, @Context() context: GraphContext) {
    return this.tagsOf(context, principal, account.id, account.past);
  }
}

function pageKey(parentId: string, first?: number | null, after?: string | null) {
  const size = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw invalidInput('MAX_VALUE_EXCEEDED', `first must be between 1 and ${MAX_PAGE}.`);
  return { parentId, first: size, after: after ? decodeCursor(after) : null };
}

function connection<T extends { id: string }>(page: ChildrenPage<T>) {
  const edges = page.rows.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}

const encodeCursor = (id: string) => Buffer.from(`id:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  if (!decoded.startsWith('id:')) throw invalidInput('INVALID_NEXT_TOKEN', 'after is not a cursor this service issued.');
  return decoded.slice(3);
}

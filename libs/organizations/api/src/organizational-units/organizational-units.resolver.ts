import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertValidInput, newOrganizationalUnitId, organizationalUnitArn, OrgsError } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, pageOf, readPageRequest, Writes, type Principal } from '@orgs/shared/nest';
import {
  assertValidTags,
  organizationalUnitIdClaims,
  organizationalUnitPath,
  type OrganizationalUnitCreated,
  type OrganizationState,
} from '@orgs/organizations/domain';
import { OrganizationCommands } from '../organization-commands.service';
import { onResource } from '../delegated-reads';
import { OrganizationReads } from '../organization-reads.service';
import { OrganizationHistory } from '../time-travel/organization-history.service';
import { asOfArg, type AsOfInput } from '../time-travel/as-of.input';
import { pastAnswers } from '../time-travel/past-answers';
import { tagsOf } from '../tags/tag.types';
import { childrenOf, describeOrganizationalUnit, organizationalUnitsForParent, parentOf, type TreeScope } from './organizational-unit-queries';
import {
  ChildTypeEnum,
  CreateOrganizationalUnitInput,
  CreateOrganizationalUnitResponse,
  DeleteOrganizationalUnitInput,
  DeleteOrganizationalUnitResponse,
  DescribeOrganizationalUnitResponse,
  ListChildrenResponse,
  ListOrganizationalUnitsForParentResponse,
  ListParentsResponse,
  UpdateOrganizationalUnitInput,
  UpdateOrganizationalUnitResponse,
  type Child,
  type OrganizationalUnit,
} from './organizational-unit.types';

/** An OU id carries its root's suffix; a parent id (root or OU) tells which root that is. */
const rootIdOf = (parentId: string) => (parentId.startsWith('r-') ? parentId : `r-${parentId.split('-')[1]}`);

function ouFromState(state: OrganizationState, id: string): OrganizationalUnit {
  const ou = state.organizationalUnits[id];
  const arn = organizationalUnitArn(state.managementAccountId as string, state.organizationId as string, id);
  return { id, arn, name: ou.name, path: organizationalUnitPath(state, id) };
}

const token = { nullable: true, type: () => String };

/** CreateOrganizationalUnit, UpdateOrganizationalUnit, DeleteOrganizationalUnit and the tree reads. */
@Resolver()
export class OrganizationalUnitsResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
    private readonly history: OrganizationHistory,
  ) {}

  @Writes()
  @Mutation(() => CreateOrganizationalUnitResponse)
  async createOrganizationalUnit(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateOrganizationalUnitInput): Promise<CreateOrganizationalUnitResponse> {
    assertValidInput('ParentId', 'parentId', input.parentId);
    assertValidInput('OrganizationalUnitName', 'name', input.name);
    const tags = tagsOf(input.tags);
    assertValidTags(tags);
    const quotas = await this.reads.quotas(principal);
    const rootId = rootIdOf(input.parentId);
    const result = await this.commands.execute(
      principal,
      // A function: if the drawn id is taken elsewhere, the handler draws another and decides again.
      () => ({ type: 'CreateOrganizationalUnit', data: { organizationalUnitId: newOrganizationalUnitId(rootId), parentId: input.parentId, name: input.name, tags, quotas } }),
      { reservations: organizationalUnitIdClaims },
    );
    const created = result.events.find((e): e is OrganizationalUnitCreated => e.type === 'OrganizationalUnitCreated');
    if (!created) throw new OrgsError('ConcurrentModificationException', 'The OU was not created. Try again.', undefined, true);
    const { organizationalUnitId: id, arn, name, path } = created.data;
    return { organizationalUnit: { id, arn, name, path }, consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => UpdateOrganizationalUnitResponse)
  async updateOrganizationalUnit(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateOrganizationalUnitInput): Promise<UpdateOrganizationalUnitResponse> {
    assertValidInput('OrganizationalUnitId', 'organizationalUnitId', input.organizationalUnitId);
    if (input.name !== undefined && input.name !== null) assertValidInput('OrganizationalUnitName', 'name', input.name);
    const id = input.organizationalUnitId;
    const result = await this.commands.execute(principal, { type: 'UpdateOrganizationalUnit', data: { organizationalUnitId: id, name: input.name ?? undefined } });
    return { organizationalUnit: ouFromState(result.state, id), consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => DeleteOrganizationalUnitResponse)
  async deleteOrganizationalUnit(@CurrentPrincipal() principal: Principal, @Args('input') input: DeleteOrganizationalUnitInput): Promise<DeleteOrganizationalUnitResponse> {
    assertValidInput('OrganizationalUnitId', 'organizationalUnitId', input.organizationalUnitId);
    const result = await this.commands.execute(principal, { type: 'DeleteOrganizationalUnit', data: { organizationalUnitId: input.organizationalUnitId } });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Query(() => DescribeOrganizationalUnitResponse)
  async describeOrganizationalUnit(
    @CurrentPrincipal() principal: Principal,
    @Args('organizationalUnitId') organizationalUnitId: string,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<DescribeOrganizationalUnitResponse> {
    assertValidInput('OrganizationalUnitId', 'organizationalUnitId', organizationalUnitId);
    if (asOf) {
      const state = await this.history.stateAsOf(principal, asOf, { operation: 'DescribeOrganizationalUnit' });
      return { organizationalUnit: pastAnswers.describeOrganizationalUnit(state, organizationalUnitId) };
    }
    return { organizationalUnit: await describeOrganizationalUnit(await this.scope(principal, consistencyToken, 'DescribeOrganizationalUnit', organizationalUnitId), organizationalUnitId) };
  }

  @Query(() => ListOrganizationalUnitsForParentResponse)
  async listOrganizationalUnitsForParent(
    @CurrentPrincipal() principal: Principal,
    @Args('parentId') parentId: string,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<ListOrganizationalUnitsForParentResponse> {
    assertValidInput('ParentId', 'parentId', parentId);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const page = asOf
      ? pastAnswers.listOrganizationalUnitsForParent(await this.history.stateAsOf(principal, asOf, { operation: 'ListOrganizationalUnitsForParent' }), parentId, { maxResults, nextToken }, principal.tenantId)
      : await organizationalUnitsForParent(await this.scope(principal, consistencyToken, 'ListOrganizationalUnitsForParent', parentId), parentId, { maxResults, nextToken });
    return { organizationalUnits: page.items, nextToken: page.nextToken };
  }

  @Query(() => ListChildrenResponse)
  async listChildren(
    @CurrentPrincipal() principal: Principal,
    @Args('parentId') parentId: string,
    @Args('childType', { type: () => ChildTypeEnum }) childType: Child['type'],
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<ListChildrenResponse> {
    assertValidInput('ParentId', 'parentId', parentId);
    assertValidInput('ChildType', 'childType', childType);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const page = asOf
      ? pastAnswers.listChildren(await this.history.stateAsOf(principal, asOf, { operation: 'ListChildren' }), parentId, childType, { maxResults, nextToken }, principal.tenantId)
      : await childrenOf(await this.scope(principal, consistencyToken, 'ListChildren', parentId), parentId, childType, { maxResults, nextToken });
    return { children: page.items, nextToken: page.nextToken };
  }

  @Query(() => ListParentsResponse)
  async listParents(
    @CurrentPrincipal() principal: Principal,
    @Args('childId') childId: string,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<ListParentsResponse> {
    assertValidInput('ChildId', 'childId', childId);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    if (asOf) {
      const past = pastAnswers.listParents(await this.history.stateAsOf(principal, asOf, { operation: 'ListParents' }), childId, { maxResults, nextToken }, principal.tenantId);
      return { parents: past.items, nextToken: past.nextToken };
    }
    const parent = await parentOf(await this.scope(principal, consistencyToken, 'ListParents', childId), childId);
    const page = pageOf([parent], { maxResults, nextToken }, principal.tenantId);
    return { parents: page.items, nextToken: page.nextToken };
  }

  /** The tree is read by the management account and delegated administrators (OrganizationReads.organizationReader). */
  private async scope(principal: Principal, consistencyToken: string | null | undefined, operation: string, resourceId: string): Promise<TreeScope> {
    const { db, organization, root } = await this.reads.organizationReader(principal, consistencyToken, operation, false, onResource(resourceId));
    return { db, tenantId: principal.tenantId, organizationId: organization.id, rootId: root.id };
  }
}

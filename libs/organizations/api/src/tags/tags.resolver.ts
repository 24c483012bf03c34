import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertValidInput } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, readPageRequest, Writes, type Principal } from '@orgs/shared/nest';
import { assertValidTagKeys, assertValidTags } from '@orgs/organizations/domain';
import { OrganizationCommands } from '../organization-commands.service';
import { onTaggable } from '../delegated-reads';
import { OrganizationReads } from '../organization-reads.service';
import { readPage } from '../organizational-units/read-page';
import { requireTaggableResource, type TagScope } from './taggable-resources';
import {
  ListTagsForResourceResponse,
  TagResourceInput,
  TagResourceResponse,
  UntagResourceInput,
  UntagResourceResponse,
  tagsOf,
  type Tag,
} from './tag.types';

const token = { nullable: true, type: () => String };

/** TagResource, UntagResource and ListTagsForResource on the roots, OUs and accounts of the caller's organization. */
@Resolver()
export class TagsResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
  ) {}

  @Writes()
  @Mutation(() => TagResourceResponse)
  async tagResource(@CurrentPrincipal() principal: Principal, @Args('input') input: TagResourceInput): Promise<TagResourceResponse> {
    assertValidInput('TaggableResourceId', 'resourceId', input.resourceId);
    const tags = tagsOf(input.tags);
    assertValidTags(tags);
    const result = await this.commands.execute(principal, { type: 'TagResource', data: { resourceId: input.resourceId, tags } });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => UntagResourceResponse)
  async untagResource(@CurrentPrincipal() principal: Principal, @Args('input') input: UntagResourceInput): Promise<UntagResourceResponse> {
    assertValidInput('TaggableResourceId', 'resourceId', input.resourceId);
    assertValidTagKeys(input.tagKeys);
    const result = await this.commands.execute(principal, { type: 'UntagResource', data: { resourceId: input.resourceId, tagKeys: [...input.tagKeys] } });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  /** AWS gives this list no MaxResults: pages are of 20 tags, ordered by key. */
  @Query(() => ListTagsForResourceResponse)
  async listTagsForResource(
    @CurrentPrincipal() principal: Principal,
    @Args('resourceId') resourceId: string,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListTagsForResourceResponse> {
    assertValidInput('TaggableResourceId', 'resourceId', resourceId);
    readPageRequest({ nextToken }, principal.tenantId);
    const scope = await this.scope(principal, consistencyToken, 'ListTagsForResource', resourceId);
    await requireTaggableResource(scope, resourceId);
    const page = await readPage({ nextToken }, principal.tenantId, (skip, take) =>
      scope.db.resourceTag.findMany({ where: { tenantId: scope.tenantId, resourceId }, orderBy: { key: 'asc' }, skip, take, select: { key: true, value: true } }),
    );
    return { tags: page.items as Tag[], nextToken: page.nextToken };
  }

  /** Tags are read by the management account, delegated administrators and members the delegation policy allows for the resource. */
  private async scope(principal: Principal, consistencyToken: string | null | undefined, operation: string, resourceId: string): Promise<TagScope> {
    const { db, organization, root } = await this.reads.organizationReader(principal, consistencyToken, operation, false, onTaggable(resourceId));
    return { db, tenantId: principal.tenantId, organizationId: organization.id, rootId: root.id };
  }
}

import { type OrganizationCommandOf } from '../command';
import { organizationResourceArn, requireManagementOrDelegatedAdministrator, tagRequestContext } from '../delegated-administrators/delegated-access';
import { requireTagPolicyCompliance } from '../policies/tag-policy-enforcement';
import type { OrganizationState } from '../state';
import { resourceTagged, tagsOf, type TagEvent } from './tag-events';
import { assertTagLimit, assertValidTags, type Tag } from './tag-rules';
import { requireTaggableResource } from './taggable-resources';

export type TagResource = OrganizationCommandOf<'TagResource', { resourceId: string; tags: Tag[] }>;

/** Adds tags, replacing the value of a key the resource has already; an unchanged tag appends nothing. */
export function tagResource(command: TagResource, state: OrganizationState): TagEvent[] {
  const { resourceId, tags } = command.data;
  assertValidTags(tags);
  requireManagementOrDelegatedAdministrator(state, command.actingAccountId, 'TagResource', { resources: [organizationResourceArn(state, resourceId) ?? '*'], context: tagRequestContext(tags) });
  requireTaggableResource(state, resourceId);
  const current = tagsOf(state, resourceId);
  assertTagLimit(current, tags);
  const changed = tags.filter((tag) => !Object.hasOwn(current, tag.key) || current[tag.key] !== tag.value);
  requireTagPolicyCompliance(state, resourceId, changed);
  return changed.length > 0 ? [resourceTagged(resourceId, changed)] : [];
}

import { type OrganizationCommandOf } from '../command';
import { organizationResourceArn, requireManagementOrDelegatedAdministrator } from '../delegated-administrators/delegated-access';
import type { OrganizationState } from '../state';
import { resourceUntagged, tagsOf, type TagEvent } from './tag-events';
import { assertValidTagKeys } from './tag-rules';
import { requireTaggableResource } from './taggable-resources';

export type UntagResource = OrganizationCommandOf<'UntagResource', { resourceId: string; tagKeys: string[] }>;

/** Removes the named keys; a key the resource does not have is ignored (AWS: unverified). */
export function untagResource(command: UntagResource, state: OrganizationState): TagEvent[] {
  const { resourceId, tagKeys } = command.data;
  assertValidTagKeys(tagKeys);
  const resources = [organizationResourceArn(state, resourceId) ?? '*'];
  requireManagementOrDelegatedAdministrator(state, command.actingAccountId, 'UntagResource', { resources, context: { 'aws:TagKeys': tagKeys } });
  requireTaggableResource(state, resourceId);
  const current = tagsOf(state, resourceId);
  const removed = [...new Set(tagKeys)].filter((key) => Object.hasOwn(current, key));
  return removed.length > 0 ? [resourceUntagged(resourceId, removed)] : [];
}

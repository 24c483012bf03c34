import type { OrganizationState } from '../state';
import type { Tag } from './tag-rules';

/** Keys added or given a new value; the rest of the resource's tags stay. */
export type ResourceTagged = { type: 'ResourceTagged'; data: { resourceId: string; tags: Tag[] } };
/** Keys removed from a resource (all of them when the resource itself goes). */
export type ResourceUntagged = { type: 'ResourceUntagged'; data: { resourceId: string; tagKeys: string[] } };

export type TagEvent = ResourceTagged | ResourceUntagged;

/**
 * For capabilities that create a resource with tags (OUs, accounts, invitations): the tag event to
 * append beside the creation, so that only this capability ever changes the tags section.
 */
export function tagsGivenAtCreation(resourceId: string, tags: readonly Tag[] | undefined): TagEvent[] {
  return tags && tags.length > 0 ? [{ type: 'ResourceTagged', data: { resourceId, tags: [...tags] } }] : [];
}

/** For capabilities that delete or release a resource: its tags go with it. */
export function tagsDroppedWith(state: OrganizationState, resourceId: string): TagEvent[] {
  const keys = Object.keys(state.tags[resourceId] ?? {});
  return keys.length > 0 ? [{ type: 'ResourceUntagged', data: { resourceId, tagKeys: keys } }] : [];
}

export function tagsOf(state: OrganizationState, resourceId: string): Readonly<Record<string, string>> {
  return Object.hasOwn(state.tags, resourceId) ? state.tags[resourceId] : {};
}

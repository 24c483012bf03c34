import type { EventUpcaster } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import type { Tag } from './tag-rules';
import { resourceTypeOf, type TaggableResourceType } from './taggable-resources';

/**
 * Keys added or given a new value; the rest of the resource's tags stay. Since schema version 2
 * the event names the kind of resource, so that its readers (webhooks, billing by tag) need not
 * know the id formats; version 1 events are upcast on read.
 */
export type ResourceTagged = { type: 'ResourceTagged'; data: { resourceId: string; resourceType: TaggableResourceType; tags: Tag[] } };
/** Keys removed from a resource (all of them when the resource itself goes); version 2 as above. */
export type ResourceUntagged = { type: 'ResourceUntagged'; data: { resourceId: string; resourceType: TaggableResourceType; tagKeys: string[] } };

const withResourceType = (data: unknown) => {
  const v1 = data as { resourceId: string };
  return { ...v1, resourceType: resourceTypeOf(v1.resourceId) };
};

export const TAG_EVENT_UPCASTERS: EventUpcaster[] = [
  { type: 'ResourceTagged', fromVersion: 1, upcast: withResourceType },
  { type: 'ResourceUntagged', fromVersion: 1, upcast: withResourceType },
];

export const resourceTagged = (resourceId: string, tags: Tag[]): ResourceTagged => ({
  type: 'ResourceTagged',
  data: { resourceId, resourceType: resourceTypeOf(resourceId), tags },
});

export const resourceUntagged = (resourceId: string, tagKeys: string[]): ResourceUntagged => ({
  type: 'ResourceUntagged',
  data: { resourceId, resourceType: resourceTypeOf(resourceId), tagKeys },
});

export type TagEvent = ResourceTagged | ResourceUntagged;

/**
 * For capabilities that create a resource with tags (OUs, accounts, invitations): the tag event to
 * append beside the creation, so that only this capability ever changes the tags section.
 */
export function tagsGivenAtCreation(resourceId: string, tags: readonly Tag[] | undefined): TagEvent[] {
  return tags && tags.length > 0 ? [resourceTagged(resourceId, [...tags])] : [];
}

/** For capabilities that delete or release a resource: its tags go with it. */
export function tagsDroppedWith(state: OrganizationState, resourceId: string): TagEvent[] {
  const keys = Object.keys(state.tags[resourceId] ?? {});
  return keys.length > 0 ? [resourceUntagged(resourceId, keys)] : [];
}

export function tagsOf(state: OrganizationState, resourceId: string): Readonly<Record<string, string>> {
  return Object.hasOwn(state.tags, resourceId) ? state.tags[resourceId] : {};
}

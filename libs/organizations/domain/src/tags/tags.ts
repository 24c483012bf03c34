import { assertUnreachable } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import type { TagEvent } from './tag-events';
import { tagResource, type TagResource } from './tag-resource';
import { untagResource, type UntagResource } from './untag-resource';

export * from './tag-rules';
export * from './tag-events';
export * from './taggable-resources';
export type { TagResource } from './tag-resource';
export type { UntagResource } from './untag-resource';

export type TagCommand = TagResource | UntagResource;

export const TAG_COMMANDS = new Set<string>(['TagResource', 'UntagResource'] satisfies TagCommand['type'][]);
export const TAG_EVENTS = new Set<string>(['ResourceTagged', 'ResourceUntagged'] satisfies TagEvent['type'][]);

export function decideTags(command: TagCommand, state: OrganizationState): TagEvent[] {
  switch (command.type) {
    case 'TagResource':
      return tagResource(command, state);
    case 'UntagResource':
      return untagResource(command, state);
    default:
      return assertUnreachable(command);
  }
}

/** Only the tags section changes: a resource's tags are a map from key to value. */
export function evolveTags(state: OrganizationState, event: TagEvent): OrganizationState {
  switch (event.type) {
    case 'ResourceTagged': {
      const { resourceId, tags } = event.data;
      const next = { ...state.tags[resourceId], ...Object.fromEntries(tags.map((tag) => [tag.key, tag.value])) };
      return { ...state, tags: { ...state.tags, [resourceId]: next } };
    }
    case 'ResourceUntagged': {
      const { resourceId, tagKeys } = event.data;
      const next = Object.fromEntries(Object.entries(state.tags[resourceId] ?? {}).filter(([key]) => !tagKeys.includes(key)));
      // A resource left with no tags leaves the section, so deleted resources leave nothing behind.
      const others = Object.fromEntries(Object.entries(state.tags).filter(([id]) => id !== resourceId));
      return { ...state, tags: Object.keys(next).length > 0 ? { ...others, [resourceId]: next } : others };
    }
    default:
      return assertUnreachable(event);
  }
}

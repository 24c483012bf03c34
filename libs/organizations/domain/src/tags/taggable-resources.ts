import { OrgsError } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';

export type TaggableResourceType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' | 'POLICY';

/** A kind of resource that can carry tags, and how to tell that one exists in the organization. */
export interface TaggableResourceKind {
  kind: TaggableResourceType;
  exists(state: OrganizationState, resourceId: string): boolean;
}

/** The kinds TagResource, UntagResource and ListTagsForResource accept (AWS managed policies take no tags). */
export const TAGGABLE_RESOURCES: readonly TaggableResourceKind[] = [
  { kind: 'ROOT', exists: (state, id) => state.root?.id === id },
  { kind: 'ORGANIZATIONAL_UNIT', exists: (state, id) => Object.hasOwn(state.organizationalUnits, id) },
  { kind: 'ACCOUNT', exists: (state, id) => Object.hasOwn(state.accounts, id) },
  { kind: 'POLICY', exists: (state, id) => Object.hasOwn(state.policies, id) },
];

/** The kind an id names, by its AWS format (r-..., ou-..., p-..., 12 digits). */
export function resourceTypeOf(resourceId: string): TaggableResourceType {
  if (resourceId.startsWith('r-')) return 'ROOT';
  if (resourceId.startsWith('ou-')) return 'ORGANIZATIONAL_UNIT';
  if (resourceId.startsWith('p-')) return 'POLICY';
  return 'ACCOUNT';
}

export const targetNotFound = (resourceId: string) =>
  new OrgsError('TargetNotFoundException', `We can't find a root, OU, account or policy with the ID ${resourceId} in this organization.`);

export function requireTaggableResource(state: OrganizationState, resourceId: string): void {
  if (!TAGGABLE_RESOURCES.some((kind) => kind.exists(state, resourceId))) throw targetNotFound(resourceId);
}

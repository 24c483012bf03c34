import { TagsResolver } from '@orgs/organizations/api';
import { served, type OperationTable } from '../operation';

/** Tags on the root, OUs, accounts (and policies, where the GraphQL edge takes them). */
export const TAG_OPERATIONS: OperationTable = {
  TagResource: served(TagsResolver, 'tagResource')((i) => [{ resourceId: i.resourceId, tags: i.tags }]),
  UntagResource: served(TagsResolver, 'untagResource')((i) => [{ resourceId: i.resourceId, tagKeys: i.tagKeys }]),
  ListTagsForResource: served(TagsResolver, 'listTagsForResource')((i, t) => [i.resourceId, i.nextToken, t]),
};

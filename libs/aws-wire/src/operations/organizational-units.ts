import { OrganizationalUnitsResolver } from '@orgs/organizations/api';
import { served, type OperationTable } from '../operation';

/** OUs and the tree: children, parents, OUs of a parent (accounts of a parent are in accounts.ts). */
export const ORGANIZATIONAL_UNIT_OPERATIONS: OperationTable = {
  CreateOrganizationalUnit: served(OrganizationalUnitsResolver, 'createOrganizationalUnit')((i) => [{ parentId: i.parentId, name: i.name, tags: i.tags }]),
  UpdateOrganizationalUnit: served(OrganizationalUnitsResolver, 'updateOrganizationalUnit')((i) => [{ organizationalUnitId: i.organizationalUnitId, name: i.name }]),
  DeleteOrganizationalUnit: served(OrganizationalUnitsResolver, 'deleteOrganizationalUnit')((i) => [{ organizationalUnitId: i.organizationalUnitId }]),
  DescribeOrganizationalUnit: served(OrganizationalUnitsResolver, 'describeOrganizationalUnit')((i, t) => [i.organizationalUnitId, t]),
  ListOrganizationalUnitsForParent: served(OrganizationalUnitsResolver, 'listOrganizationalUnitsForParent')((i, t) => [i.parentId, i.maxResults, i.nextToken, t]),
  ListChildren: served(OrganizationalUnitsResolver, 'listChildren')((i, t) => [i.parentId, i.childType, i.maxResults, i.nextToken, t]),
  ListParents: served(OrganizationalUnitsResolver, 'listParents')((i, t) => [i.childId, i.maxResults, i.nextToken, t]),
};

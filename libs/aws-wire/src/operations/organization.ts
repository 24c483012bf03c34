import { HandshakesResolver, OrganizationLifecycleResolver } from '@orgs/organizations/api';
import { served, type OperationTable } from '../operation';

/** The organization itself: create, describe, delete, its roots, all features. */
export const ORGANIZATION_OPERATIONS: OperationTable = {
  CreateOrganization: served(OrganizationLifecycleResolver, 'createOrganization')((i) => [{ featureSet: i.featureSet }]),
  DescribeOrganization: served(OrganizationLifecycleResolver, 'describeOrganization')((_i, t) => [t]),
  DeleteOrganization: served(OrganizationLifecycleResolver, 'deleteOrganization')(() => []),
  ListRoots: served(OrganizationLifecycleResolver, 'listRoots')((i, t) => [i.maxResults, i.nextToken, t]),
  EnableAllFeatures: served(HandshakesResolver, 'enableAllFeatures')(() => []),
};

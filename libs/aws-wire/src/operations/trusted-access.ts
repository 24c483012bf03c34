import { TrustedAccessResolver } from '@orgs/organizations/api';
import { served, type OperationTable } from '../operation';

/** Trusted access of AWS services to the organization. */
export const TRUSTED_ACCESS_OPERATIONS: OperationTable = {
  EnableAWSServiceAccess: served(TrustedAccessResolver, 'enableAWSServiceAccess')((i) => [{ servicePrincipal: i.servicePrincipal }]),
  DisableAWSServiceAccess: served(TrustedAccessResolver, 'disableAWSServiceAccess')((i) => [{ servicePrincipal: i.servicePrincipal }]),
  ListAWSServiceAccessForOrganization: served(TrustedAccessResolver, 'listAWSServiceAccessForOrganization')((i, t) => [i.maxResults, i.nextToken, t]),
};

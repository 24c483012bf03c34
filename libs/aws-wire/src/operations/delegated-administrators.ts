import { DelegatedAdministratorsResolver } from '@orgs/organizations/api';
import { served, type OperationTable } from '../operation';

/** Delegated administrators and the organization's resource policy. */
export const DELEGATED_ADMINISTRATOR_OPERATIONS: OperationTable = {
  RegisterDelegatedAdministrator: served(DelegatedAdministratorsResolver, 'registerDelegatedAdministrator')((i) => [{ accountId: i.accountId, servicePrincipal: i.servicePrincipal }]),
  DeregisterDelegatedAdministrator: served(DelegatedAdministratorsResolver, 'deregisterDelegatedAdministrator')((i) => [{ accountId: i.accountId, servicePrincipal: i.servicePrincipal }]),
  ListDelegatedAdministrators: served(DelegatedAdministratorsResolver, 'listDelegatedAdministrators')((i, t) => [i.servicePrincipal, i.maxResults, i.nextToken, t]),
  ListDelegatedServicesForAccount: served(DelegatedAdministratorsResolver, 'listDelegatedServicesForAccount')((i, t) => [i.accountId, i.maxResults, i.nextToken, t]),
  PutResourcePolicy: served(DelegatedAdministratorsResolver, 'putResourcePolicy')((i) => [{ content: i.content }]),
  DescribeResourcePolicy: served(DelegatedAdministratorsResolver, 'describeResourcePolicy')((_i, t) => [t]),
  DeleteResourcePolicy: served(DelegatedAdministratorsResolver, 'deleteResourcePolicy')(() => []),
};

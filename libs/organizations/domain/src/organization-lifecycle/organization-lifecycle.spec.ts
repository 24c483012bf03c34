import { fullAccessAttached } from '../policies/policies.fixtures';
import { deciderSpecification } from '@orgs/shared/testing';
import { accountRequested } from '../accounts/accounts.fixtures';
import { organizationDecider, type OrganizationCommand, type OrganizationEvent } from '../organization';

const spec = deciderSpecification(organizationDecider);
const at = '2026-11-23T00:00:00.000Z';
const mgmt = '111122223333';

const createOrganization = (featureSet: 'ALL' | 'CONSOLIDATED_BILLING'): OrganizationCommand => ({
  type: 'CreateOrganization',
  data: { organizationId: 'o-a1b2c3d4e5', rootId: 'r-k3x9', featureSet, managementAccountName: 'Management', managementAccountEmail: 'admin@example.com' },
  actingAccountId: mgmt,
  at,
});

const created = (featureSet: 'ALL' | 'CONSOLIDATED_BILLING'): OrganizationEvent => ({
  type: 'OrganizationCreated',
  data: {
    organizationId: 'o-a1b2c3d4e5',
    arn: 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5',
    featureSet,
    managementAccountId: mgmt,
    managementAccountArn: 'arn:aws:organizations::111122223333:account/o-a1b2c3d4e5/111122223333',
    managementAccountName: 'Management',
    managementAccountEmail: 'admin@example.com',
    root: {
      id: 'r-k3x9',
      arn: 'arn:aws:organizations::111122223333:root/o-a1b2c3d4e5/r-k3x9',
      name: 'Root',
      policyTypes: featureSet === 'ALL' ? [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] : [],
    },
    createdAt: at,
  },
});

const deleteOrganization = (actingAccountId = mgmt): OrganizationCommand => ({ type: 'DeleteOrganization', data: {}, actingAccountId, at });
const deleted: OrganizationEvent = { type: 'OrganizationDeleted', data: { organizationId: 'o-a1b2c3d4e5', managementAccountId: mgmt, deletedAt: at } };

describe('CreateOrganization', () => {
  it('creates the organization with one root, SCPs enabled, when all features are asked for', () => {
    spec.given([]).when(createOrganization('ALL')).then([created('ALL'), fullAccessAttached('o-a1b2c3d4e5', 'r-k3x9', 'ROOT', at), fullAccessAttached('o-a1b2c3d4e5', mgmt, 'ACCOUNT', at)]);
  });

  it('creates a billing-only organization with no policy type enabled', () => {
    spec.given([]).when(createOrganization('CONSOLIDATED_BILLING')).then([created('CONSOLIDATED_BILLING')]);
  });

  it('refuses to create the same organization twice', () => {
    spec.given([created('ALL')]).when(createOrganization('ALL')).thenThrows('AlreadyInOrganizationException');
  });
});

describe('DeleteOrganization', () => {
  it('deletes an organization that has only its management account', () => {
    spec.given([created('ALL')]).when(deleteOrganization()).then([deleted]);
  });

  it('refuses while an account is still being created', () => {
    spec.given([created('ALL'), accountRequested()]).when(deleteOrganization()).thenThrows('OrganizationNotEmptyException');
  });

  it('refuses when there is no organization', () => {
    spec.given([]).when(deleteOrganization()).thenThrows('AWSOrganizationsNotInUseException');
  });

  it('refuses a second delete', () => {
    spec.given([created('ALL'), deleted]).when(deleteOrganization()).thenThrows('AWSOrganizationsNotInUseException');
  });

  it('refuses a caller that is not in the organization', () => {
    spec.given([created('ALL')]).when(deleteOrganization('444455556666')).thenThrows('AWSOrganizationsNotInUseException');
  });
});

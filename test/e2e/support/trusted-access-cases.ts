import { eventually } from '@orgs/shared/testing';
import type { TenantFixture } from './access-fixture';
import { as, DENIED, json, LISTS_NONE_OF_A, NO_IDS, ok, refused, refusedFor, type Case } from './access-matrix';
import type { E2eService } from './e2e-service';

/** The access matrix's rows for trusted access, service-linked roles and delegated administrators. */
const SSO = 'sso.amazonaws.com';

/**
 * Enables trusted access for SSO in the fixture's organization and waits until its propagation is
 * over: the matrix counts events around every call, and a propagation still appending would blur it.
 */
export async function withTrustedAccess(orgs: E2eService, f: TenantFixture): Promise<void> {
  const { enableAWSServiceAccess } = await orgs.ok<{ enableAWSServiceAccess: { consistencyToken: string } }>(
    `mutation { enableAWSServiceAccess(input: { servicePrincipal: "${SSO}" }) { consistencyToken } }`,
    f.management.key,
  );
  await eventually(async () => {
    const { describeServiceLinkedRolePropagation } = await orgs.ok<{ describeServiceLinkedRolePropagation: { propagation: { state: string } } }>(
      'query($t: String) { describeServiceLinkedRolePropagation(servicePrincipal: "sso.amazonaws.com", consistencyToken: $t) { propagation { state } } }',
      f.management.key,
      { t: enableAWSServiceAccess.consistencyToken },
    );
    return describeServiceLinkedRolePropagation.propagation.state === 'COMPLETED';
  }, 30_000, 'the SSO roles of the matrix fixture');
}

const policyNaming = (accountId: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: accountId }, Action: 'organizations:ListAccounts', Resource: '*' }] });

export const TRUSTED_ACCESS_CASES: Record<string, Case> = {
  // ---------------------------------------------------------------- mutations
  enableAWSServiceAccess: {
    document: 'mutation { enableAWSServiceAccess(input: { servicePrincipal: "guardduty.amazonaws.com" }) { consistencyToken } }',
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },
  disableAWSServiceAccess: {
    document: `mutation { disableAWSServiceAccess(input: { servicePrincipal: "${SSO}" }) { consistencyToken } }`,
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },
  registerDelegatedAdministrator: {
    document: `mutation($a: String!) { registerDelegatedAdministrator(input: { accountId: $a, servicePrincipal: "${SSO}" }) { consistencyToken } }`,
    vars: (a) => ({ a: a.created.accountId }),
    readOnly: DENIED,
    member: [as((a) => ({ a: a.created.accountId }), DENIED), as((a) => ({ a: a.invited.accountId }), DENIED, 'invited')],
    otherTenant: [as((a) => ({ a: a.created.accountId }), refused('AccountNotFoundException')), as((a) => ({ a: a.invited.accountId }), refused('AccountNotFoundException'))],
  },
  deregisterDelegatedAdministrator: {
    document: `mutation($a: String!) { deregisterDelegatedAdministrator(input: { accountId: $a, servicePrincipal: "${SSO}" }) { consistencyToken } }`,
    vars: (a) => ({ a: a.created.accountId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: [as((a) => ({ a: a.created.accountId }), refused('AccountNotFoundException')), as((a) => ({ a: a.management.accountId }), refused('AccountNotFoundException'))],
  },
  putResourcePolicy: {
    document: 'mutation($c: String!) { putResourcePolicy(input: { content: $c }) { resourcePolicy { resourcePolicySummary { id } } } }',
    vars: (a) => ({ c: policyNaming(a.created.accountId) }),
    readOnly: DENIED,
    member: DENIED,
    // A's accounts are nobody in B's organization.
    otherTenant: [as((a) => ({ c: policyNaming(a.created.accountId) }), refusedFor('InvalidInputException', 'INVALID_PRINCIPAL'))],
  },
  deleteResourcePolicy: {
    document: 'mutation { deleteResourcePolicy { consistencyToken } }',
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },

  // ---------------------------------------------------------------- queries
  describeResourcePolicy: {
    document: 'query { describeResourcePolicy { resourcePolicy { resourcePolicySummary { id arn } content } } }',
    readOnly: refused('ResourcePolicyNotFoundException'),
    member: DENIED,
    otherTenant: refused('ResourcePolicyNotFoundException'),
  },
  describeServiceLinkedRolePropagation: {
    document: `query { describeServiceLinkedRolePropagation(servicePrincipal: "${SSO}") { propagation { state total done created } } }`,
    readOnly: ok((d) => expect(json(d)).toContain('COMPLETED')),
    member: DENIED,
    otherTenant: LISTS_NONE_OF_A,
  },
  listAWSServiceAccessForOrganization: {
    document: 'query { listAWSServiceAccessForOrganization { enabledServicePrincipals { servicePrincipal dateEnabled } } }',
    readOnly: ok((d) => expect(json(d)).toContain(SSO)),
    member: DENIED,
    otherTenant: LISTS_NONE_OF_A,
  },
  listDelegatedAdministrators: {
    document: 'query($p: String) { listDelegatedAdministrators(servicePrincipal: $p) { delegatedAdministrators { id } } }',
    readOnly: [as(() => ({}), ok()), as(() => ({ p: SSO }), ok())],
    member: DENIED,
    otherTenant: [as(() => ({}), LISTS_NONE_OF_A), as(() => ({ p: SSO }), LISTS_NONE_OF_A)],
  },
  listDelegatedServicesForAccount: {
    document: 'query($a: String!) { listDelegatedServicesForAccount(accountId: $a) { delegatedServices { servicePrincipal } } }',
    vars: (a) => ({ a: a.created.accountId }),
    // The created member delegates nothing: AWS answers AccountNotRegisteredException.
    readOnly: refused('AccountNotRegisteredException'),
    member: DENIED,
    otherTenant: [as((a) => ({ a: a.created.accountId }), refused('AccountNotFoundException')), as((a) => ({ a: a.management.accountId }), refused('AccountNotFoundException'))],
  },
  listRolesForAccount: {
    document: 'query($a: String!) { listRolesForAccount(accountId: $a) { roles { roleName status arn } } }',
    vars: (a) => ({ a: a.created.accountId }),
    readOnly: ok((d) => expect(json(d)).toContain('AWSServiceRoleForSSO')),
    member: [as((a) => ({ a: a.created.accountId }), ok((d) => expect(json(d)).toContain('OrganizationAccountAccessRole'))), as((a) => ({ a: a.management.accountId }), DENIED)],
    otherTenant: [as((a) => ({ a: a.created.accountId }), refused('AccountNotFoundException')), as((a) => ({ a: a.management.accountId }), refused('AccountNotFoundException'))],
  },
};

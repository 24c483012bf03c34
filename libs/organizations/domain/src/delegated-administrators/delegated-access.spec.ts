import { organizationDecider } from '../organization';
import { delegatedAdministratorMayCall, DELEGATED_ADMINISTRATOR_READ_OPERATIONS, isDelegatedAdministrator, requireManagementOrDelegatedAdministrator } from './delegated-access';
import { backupAdministratorPolicy, member, mgmt, other, policyPut, registered, SSO, ssoEnabled, withMembers } from './delegated-administrators.fixtures';

const stateOf = (events: Parameters<typeof organizationDecider.evolve>[1][]) => events.reduce(organizationDecider.evolve, organizationDecider.initialState());
const withDelegate = stateOf([...withMembers, ssoEnabled, registered(member, SSO), policyPut(backupAdministratorPolicy())]);
const call = (operation: string) => ({ operation, accountId: member, resourcePolicyContent: backupAdministratorPolicy() });

describe('what a delegated administrator may call', () => {
  it.each([...DELEGATED_ADMINISTRATOR_READ_OPERATIONS])('may call the read-only %s', (operation) => {
    expect(delegatedAdministratorMayCall(call(operation))).toBe(true);
  });

  it.each(['CreatePolicy', 'AttachPolicy', 'TagResource', 'CreateAccount', 'EnableAWSServiceAccess', 'PutResourcePolicy'])(
    'may not call %s: the delegation policy grants nothing more until the policy engine evaluates it',
    (operation) => {
      expect(delegatedAdministratorMayCall(call(operation))).toBe(false);
    },
  );

  it('knows which accounts are delegated administrators', () => {
    expect([mgmt, member, other].map((id) => isDelegatedAdministrator(withDelegate, id))).toEqual([false, true, false]);
  });

  it('lets the management account through requireManagementOrDelegatedAdministrator', () => {
    expect(() => requireManagementOrDelegatedAdministrator(withDelegate, mgmt, 'CreatePolicy')).not.toThrow();
  });

  it('lets a delegated administrator through for a read, not for a write', () => {
    expect(() => requireManagementOrDelegatedAdministrator(withDelegate, member, 'ListPolicies')).not.toThrow();
    expect(() => requireManagementOrDelegatedAdministrator(withDelegate, member, 'CreatePolicy')).toThrow(expect.objectContaining({ code: 'AccessDeniedException' }));
  });

  it('refuses a member that delegates nothing, and an account outside the organization', () => {
    expect(() => requireManagementOrDelegatedAdministrator(withDelegate, other, 'ListPolicies')).toThrow(expect.objectContaining({ code: 'AccessDeniedException' }));
    expect(() => requireManagementOrDelegatedAdministrator(withDelegate, '123456789012', 'ListPolicies')).toThrow(expect.objectContaining({ code: 'AWSOrganizationsNotInUseException' }));
  });
});

import { eventually } from '@orgs/shared/testing';
import { E2eService, uniqueEmail } from './support/e2e-service';

/**
 * Service-linked roles are exempt from SCPs (trusted-access.md 2), in the access simulator over
 * HTTP: the role trusted access created in a member account is allowed what a deny-everything SCP
 * on that account denies to the account's other roles, and the simulation says why.
 */
const orgs = new E2eService('e2e-slr-scps-operator');
const SSO = 'sso.amazonaws.com';
const DENY_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*' }] });

let org: Awaited<ReturnType<typeof orgs.organization>>;
let member: { accountId: string; key: string };
let roleArn: string;

beforeAll(async () => {
  await orgs.start();
  org = await orgs.organization('SLR-SCP');
  const { registerStandaloneAccount } = await orgs.ok<{ registerStandaloneAccount: { account: { id: string }; apiKey: string } }>(
    'mutation($e: String!) { registerStandaloneAccount(input: { email: $e, accountName: "Workload" }) { account { id } apiKey } }',
    org.key,
    { e: uniqueEmail('workload') },
  );
  member = { accountId: registerStandaloneAccount.account.id, key: registerStandaloneAccount.apiKey };
  const { inviteAccountToOrganization } = await orgs.ok<{ inviteAccountToOrganization: { handshake: { id: string } } }>(
    'mutation($id: String!) { inviteAccountToOrganization(input: { target: { id: $id, type: ACCOUNT } }) { handshake { id } } }',
    org.key,
    { id: member.accountId },
  );
  await orgs.ok('mutation($h: String!) { acceptHandshake(input: { handshakeId: $h }) { handshake { state } } }', member.key, { h: inviteAccountToOrganization.handshake.id });
  const { enableAWSServiceAccess } = await orgs.ok<{ enableAWSServiceAccess: { consistencyToken: string } }>(`mutation { enableAWSServiceAccess(input: { servicePrincipal: "${SSO}" }) { consistencyToken } }`, org.key);
  roleArn = await eventually(async () => {
    const { listRolesForAccount } = await orgs.ok<{ listRolesForAccount: { roles: { arn: string; kind: string; status: string }[] } }>(
      'query($a: String!, $t: String) { listRolesForAccount(accountId: $a, consistencyToken: $t) { roles { arn kind status } } }',
      org.key,
      { a: member.accountId, t: enableAWSServiceAccess.consistencyToken },
    );
    return listRolesForAccount.roles.find((r) => r.kind === 'SERVICE_LINKED_ROLE' && r.status === 'CREATED')?.arn ?? null;
  }, 30_000, 'the member\'s service-linked role');
  const { createPolicy } = await orgs.ok<{ createPolicy: { policy: { policySummary: { id: string } } } }>(
    'mutation($c: String!) { createPolicy(input: { name: "DenyAll", description: "", type: SERVICE_CONTROL_POLICY, content: $c }) { policy { policySummary { id } } } }',
    org.key,
    { c: DENY_ALL },
  );
  await orgs.ok('mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', org.key, { p: createPolicy.policy.policySummary.id, t: member.accountId });
}, 120_000);
afterAll(() => orgs.stop());

interface Simulation {
  decision: string;
  decidedAt: { source: string } | null;
  exemptions: string[];
  levels: { policyType: string; targetId: string }[];
}

/** What the simulator decides for `principalArn` acting in the member account. */
async function simulate(key: string, principalArn: string, action = 's3:GetObject'): Promise<Simulation> {
  const { simulateAccess } = await orgs.ok<{ simulateAccess: { simulation: Simulation } }>(
    'query($a: String!, $p: String!, $x: String!) { simulateAccess(input: { accountId: $a, principalArn: $p, action: $x, resource: "*" }) { simulation { decision decidedAt { source } exemptions levels { policyType targetId } } } }',
    key,
    { a: member.accountId, p: principalArn, x: action },
  );
  return simulateAccess.simulation;
}

describe('service-linked roles in the access simulator', () => {
  it('denies an ordinary role of the account under the deny-everything SCP', async () => {
    const denied = await eventually(async () => {
      const simulation = await simulate(org.key, `arn:aws:iam::${member.accountId}:role/Developer`);
      return simulation.decision === 'EXPLICIT_DENY' ? simulation : null;
    }, 15_000, 'the SCP to show in the simulation');
    expect(denied.decidedAt).toEqual({ source: 'SERVICE_CONTROL_POLICY' });
  });

  it.each([
    ['the management account', () => org.key],
    ['the member itself', () => member.key],
  ])('allows the service-linked role trusted access created, whatever the SCPs say, simulated by %s', async (_, key) => {
    expect(roleArn).toBe(`arn:aws:iam::${member.accountId}:role/aws-service-role/${SSO}/AWSServiceRoleForSSO`);
    for (const action of ['s3:GetObject', 'iam:CreateRole', 'sso:CreateInstance']) {
      const simulation = await simulate(key(), roleArn, action);
      expect({ action, decision: simulation.decision, decidedAt: simulation.decidedAt }).toEqual({ action, decision: 'ALLOWED', decidedAt: { source: 'IDENTITY' } });
      expect(simulation.exemptions).toContain('SCPs do not apply to service-linked roles.');
      expect(simulation.levels.filter((l) => l.policyType === 'SERVICE_CONTROL_POLICY')).toEqual([]);
    }
  });
});

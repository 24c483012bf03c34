import type { Pool } from 'pg';
import { createPool } from '@orgs/shared/event-store';
import { eventually } from '@orgs/shared/testing';
import { appendMemberAccounts } from '@orgs/organizations/testing';
import { SplitService } from './support/split-service';
import { uniqueEmail } from './support/e2e-service';

/**
 * Trusted access over HTTP in an organization of 2,000 accounts (the issue's must-show): two
 * services' roles reach every account, accounts that join later get them, disabling one service
 * takes its roles away, and a worker killed -9 mid-propagation resumes without creating a role twice.
 * The accounts are appended straight into the log as the accounts capability records them (creating
 * 2,000 through createAccount, five at a time, would take the test's whole budget); everything else
 * goes through the API, with the API and the worker as separate processes.
 */
const MEMBERS = 2_000;
const SSO = 'sso.amazonaws.com';
const GUARDDUTY = 'guardduty.amazonaws.com';
const SSO_ROLE = 'AWSServiceRoleForSSO';
const GUARDDUTY_ROLE = 'AWSServiceRoleForAmazonGuardDuty';

const orgs = new SplitService('e2e-trusted-access-operator');
let pool: Pool;
let org: Awaited<ReturnType<typeof orgs.organization>>;
let seeded: string[];

interface Propagation {
  accessStatus: string;
  operation: string;
  state: string;
  total: number;
  done: number;
  created: number;
  failed: number;
  deleted: number;
  pending: number;
}

beforeAll(async () => {
  // Small chunks, so that the propagation lasts long enough to be killed in the middle.
  await orgs.start({ SERVICE_LINKED_ROLE_CHUNK_SIZE: '25', CREATED_ACCOUNT_WAIT_PERIOD_MS: '0' });
  pool = createPool(orgs.database.url, { max: 4 });
  org = await orgs.organization('Fan-out');
  await orgs.ok('mutation($t: String!) { updateTenantQuotas(input: { tenantId: $t, maxAccounts: 5000 }) { consistencyToken } }', orgs.operatorToken, { t: org.tenantId });
  seeded = await appendMemberAccounts(pool, { tenantId: org.tenantId, organizationId: org.organizationId, managementAccountId: org.accountId, rootId: org.rootId }, MEMBERS);
  await eventually(async () => (await accountsInOrganization()) === MEMBERS + 1, 180_000, 'the seeded accounts to be projected');
}, 300_000);
afterAll(async () => {
  await pool?.end();
  await orgs.stop();
});

async function accountsInOrganization(): Promise<number> {
  const [row] = await orgs.sql<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE organization_id = $1', [org.organizationId]);
  return row.n;
}

/** The progress query; null while the read models have not caught up with `token` (retryable). */
async function propagation(servicePrincipal: string, token?: string): Promise<Propagation | null> {
  const result = await orgs.call<{ describeServiceLinkedRolePropagation: { propagation: Propagation } }>(
    `query($p: String!, $t: String) { describeServiceLinkedRolePropagation(servicePrincipal: $p, consistencyToken: $t) {
      propagation { accessStatus operation state total done created failed deleted pending } } }`,
    org.key,
    { p: servicePrincipal, t: token },
  );
  if (result.errors?.[0]?.extensions?.code === 'ConsistencyTimeoutException') return null;
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.describeServiceLinkedRolePropagation.propagation;
}

/** Polls the progress query until the propagation completes; returns every distinct `done` it saw on the way. */
async function completed(servicePrincipal: string, token: string, timeoutMs = 90_000): Promise<{ last: Propagation; seen: number[] }> {
  const seen: number[] = [];
  const last = await eventually(
    async () => {
      const now = await propagation(servicePrincipal, token);
      if (now && seen[seen.length - 1] !== now.done) seen.push(now.done);
      return now?.state === 'COMPLETED' && now.total > 0 ? now : null;
    },
    timeoutMs,
    `the propagation of ${servicePrincipal}`,
  );
  return { last, seen };
}

async function toggle(mutation: 'enableAWSServiceAccess' | 'disableAWSServiceAccess', servicePrincipal: string): Promise<string> {
  const data = await orgs.ok<Record<string, { consistencyToken: string }>>(`mutation($p: String!) { ${mutation}(input: { servicePrincipal: $p }) { consistencyToken } }`, org.key, {
    p: servicePrincipal,
  });
  return data[mutation].consistencyToken;
}

type Role = { roleName: string; path: string; status: string; kind: string; arn: string };

async function rolesOf(accountId: string, token?: string): Promise<Role[]> {
  const { listRolesForAccount } = await orgs.ok<{ listRolesForAccount: { roles: Role[] } }>(
    'query($a: String!, $t: String) { listRolesForAccount(accountId: $a, consistencyToken: $t) { roles { roleName path status kind arn } } }',
    org.key,
    { a: accountId, t: token },
  );
  return listRolesForAccount.roles;
}

/** The account's service-linked roles once both are CREATED (they follow its joining within seconds). */
const bothRolesCreated = (accountId: string, token: string) =>
  eventually(async () => {
    const roles = (await rolesOf(accountId, token)).filter((r) => r.kind === 'SERVICE_LINKED_ROLE' && r.status === 'CREATED');
    return roles.map((r) => r.roleName).join() === [GUARDDUTY_ROLE, SSO_ROLE].join();
  }, 30_000, `the roles of ${accountId}`);

/** Service-linked roles of one name in the read model, by status, over the organization's accounts. */
async function roleStatuses(roleName: string): Promise<Record<string, number>> {
  const rows = await orgs.sql<{ status: string; n: number }>(
    `SELECT r.status, count(*)::int AS n FROM iam_roles r JOIN accounts a ON a.id = r.account_id AND a.organization_id = r.organization_id
      WHERE r.organization_id = $1 AND r.role_name = $2 GROUP BY r.status`,
    [org.organizationId, roleName],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** How many times each account was named by creation events of `roleName` appended after log position `after`. */
async function creationsSince(roleName: string, after: number): Promise<Map<string, number>> {
  const rows = await orgs.sql<{ id: string }>(
    `SELECT jsonb_array_elements_text(data->'accountIds') AS id FROM events
      WHERE event_type = 'ServiceLinkedRolesCreated' AND data->>'roleName' = $1 AND position > $2`,
    [roleName, after],
  );
  const counts = new Map<string, number>();
  for (const { id } of rows) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

const lastPosition = async () => Number((await orgs.sql<{ p: string }>('SELECT coalesce(max(position), 0)::text AS p FROM events'))[0].p);

describe(`trusted access in an organization of ${MEMBERS + 1} accounts`, () => {
  const everyone = MEMBERS + 1;

  it('propagates two services\' roles to every account, with progress visible on the way', async () => {
    const [ssoToken, guardDutyToken] = [await toggle('enableAWSServiceAccess', SSO), await toggle('enableAWSServiceAccess', GUARDDUTY)];
    const sso = await completed(SSO, ssoToken);
    const guardDuty = await completed(GUARDDUTY, guardDutyToken);
    expect(sso.last).toMatchObject({ accessStatus: 'ENABLED', operation: 'CREATE', total: everyone, done: everyone, created: everyone, failed: 0, pending: 0 });
    expect(guardDuty.last).toMatchObject({ total: everyone, created: everyone, pending: 0 });
    // The progress query showed the propagation under way, not only its end.
    expect(sso.seen.length + guardDuty.seen.length).toBeGreaterThan(2);
    expect(await roleStatuses(SSO_ROLE)).toEqual({ CREATED: everyone });
    expect(await roleStatuses(GUARDDUTY_ROLE)).toEqual({ CREATED: everyone });

    const { listAWSServiceAccessForOrganization } = await orgs.ok<{ listAWSServiceAccessForOrganization: { enabledServicePrincipals: { servicePrincipal: string; dateEnabled: string }[] } }>(
      'query { listAWSServiceAccessForOrganization { enabledServicePrincipals { servicePrincipal dateEnabled } } }',
      org.key,
    );
    expect(listAWSServiceAccessForOrganization.enabledServicePrincipals.map((s) => s.servicePrincipal).sort()).toEqual([GUARDDUTY, SSO]);
    expect(listAWSServiceAccessForOrganization.enabledServicePrincipals.every((s) => !Number.isNaN(Date.parse(s.dateEnabled)))).toBe(true);
  }, 180_000);

  it('lists an account\'s roles over HTTP: its access role and both service-linked roles, with AWS names and paths', async () => {
    const roles = await rolesOf(seeded[MEMBERS - 1]);
    expect(roles).toEqual([
      { roleName: 'OrganizationAccountAccessRole', path: '/', status: 'CREATED', kind: 'ACCESS_ROLE', arn: `arn:aws:iam::${seeded[MEMBERS - 1]}:role/OrganizationAccountAccessRole` },
      {
        roleName: GUARDDUTY_ROLE,
        path: `/aws-service-role/${GUARDDUTY}/`,
        status: 'CREATED',
        kind: 'SERVICE_LINKED_ROLE',
        arn: `arn:aws:iam::${seeded[MEMBERS - 1]}:role/aws-service-role/${GUARDDUTY}/${GUARDDUTY_ROLE}`,
      },
      { roleName: SSO_ROLE, path: `/aws-service-role/${SSO}/`, status: 'CREATED', kind: 'SERVICE_LINKED_ROLE', arn: `arn:aws:iam::${seeded[MEMBERS - 1]}:role/aws-service-role/${SSO}/${SSO_ROLE}` },
    ]);
    expect((await rolesOf(org.accountId)).map((r) => r.roleName)).toEqual([GUARDDUTY_ROLE, SSO_ROLE]);
  });

  it('gives an account created afterwards both roles', async () => {
    const { createAccount } = await orgs.ok<{ createAccount: { createAccountStatus: { id: string }; consistencyToken: string } }>(
      'mutation($e: String!) { createAccount(input: { email: $e, accountName: "Late" }) { createAccountStatus { id } consistencyToken } }',
      org.key,
      { e: uniqueEmail('late') },
    );
    const { accountId, token } = await eventually(async () => {
      const { describeCreateAccountStatus } = await orgs.ok<{ describeCreateAccountStatus: { createAccountStatus: { accountId: string | null } } }>(
        'query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { accountId } } }',
        org.key,
        { id: createAccount.createAccountStatus.id, t: createAccount.consistencyToken },
      );
      const id = describeCreateAccountStatus.createAccountStatus.accountId;
      return id ? { accountId: id, token: createAccount.consistencyToken } : null;
    }, 30_000, 'the late account');
    await bothRolesCreated(accountId, token);
  }, 60_000);

  it('gives an account that accepts an invitation afterwards both roles', async () => {
    const { registerStandaloneAccount } = await orgs.ok<{ registerStandaloneAccount: { account: { id: string }; apiKey: string } }>(
      'mutation($e: String!) { registerStandaloneAccount(input: { email: $e, accountName: "Invitee" }) { account { id } apiKey } }',
      org.key,
      { e: uniqueEmail('invitee') },
    );
    const { id } = registerStandaloneAccount.account;
    const { inviteAccountToOrganization } = await orgs.ok<{ inviteAccountToOrganization: { handshake: { id: string } } }>(
      'mutation($id: String!) { inviteAccountToOrganization(input: { target: { id: $id, type: ACCOUNT } }) { handshake { id } } }',
      org.key,
      { id },
    );
    const { acceptHandshake } = await orgs.ok<{ acceptHandshake: { consistencyToken: string } }>(
      'mutation($h: String!) { acceptHandshake(input: { handshakeId: $h }) { consistencyToken } }',
      registerStandaloneAccount.apiKey,
      { h: inviteAccountToOrganization.handshake.id },
    );
    await bothRolesCreated(id, acceptHandshake.consistencyToken);
  }, 60_000);

  it('takes a disabled service\'s roles from every account and leaves the other\'s', async () => {
    const joined = everyone + 2;
    const token = await toggle('disableAWSServiceAccess', GUARDDUTY);
    const { last } = await completed(GUARDDUTY, token);
    expect(last).toMatchObject({ accessStatus: 'DISABLED', operation: 'DELETE', total: joined, done: joined, deleted: joined, created: 0 });
    expect(await roleStatuses(GUARDDUTY_ROLE)).toEqual({ DELETED: joined });
    expect(await roleStatuses(SSO_ROLE)).toEqual({ CREATED: joined });
    const { listAWSServiceAccessForOrganization } = await orgs.ok<{ listAWSServiceAccessForOrganization: { enabledServicePrincipals: { servicePrincipal: string }[] } }>(
      'query($t: String) { listAWSServiceAccessForOrganization(consistencyToken: $t) { enabledServicePrincipals { servicePrincipal } } }',
      org.key,
      { t: token },
    );
    expect(listAWSServiceAccessForOrganization.enabledServicePrincipals).toEqual([{ servicePrincipal: SSO }]);
  }, 120_000);

  it('resumes a propagation whose worker was killed -9 in the middle, creating no role twice and skipping no account', async () => {
    const joined = everyone + 2;
    const before = await lastPosition();
    const token = await toggle('enableAWSServiceAccess', GUARDDUTY);
    // Kill the worker once some roles, not all, are created.
    const createdAtKill = await eventually(async () => {
      const n = (await creationsSince(GUARDDUTY_ROLE, before)).size;
      return n > 0 && n < joined ? n : null;
    }, 60_000, 'the propagation to be under way');
    await orgs.stopWorker('SIGKILL');
    const afterKill = (await creationsSince(GUARDDUTY_ROLE, before)).size;
    expect(afterKill).toBeLessThan(joined);
    expect(afterKill).toBeGreaterThanOrEqual(createdAtKill);

    await orgs.startWorker();
    // The restarted worker resumes the propagation within seconds (its job's lock is short) ...
    await eventually(async () => (await creationsSince(GUARDDUTY_ROLE, before)).size === joined, 60_000, 'the propagation to resume and finish');
    const creations = await creationsSince(GUARDDUTY_ROLE, before);
    expect([...creations.values()].filter((n) => n !== 1)).toEqual([]);
    // ... and the read models follow once the projection's own job is recovered (its lock is 60 s).
    const { last } = await completed(GUARDDUTY, token, 150_000);
    expect(last).toMatchObject({ accessStatus: 'ENABLED', total: joined, created: joined, pending: 0, failed: 0 });
    expect(await roleStatuses(GUARDDUTY_ROLE)).toEqual({ CREATED: joined });
  }, 240_000);

  it('reports the propagation as Prometheus metrics on the worker', async () => {
    const metrics = await (await fetch(orgs.workerMetricsUrl)).text();
    expect(metrics).toMatch(/orgs_service_linked_roles\{status="CREATED"\} \d+/);
    expect(metrics).toMatch(/orgs_service_linked_roles\{status="PENDING"\} 0/);
    expect(metrics).toMatch(/orgs_service_linked_roles_propagated_total\{outcome="created"\} [1-9]/);
  });
});

import { Client } from 'pg';
import { eventually, type TestDatabase } from '@orgs/shared/testing';
import { errorCode, type graphqlClient, type GraphqlResult } from './graphql-client';
import { E2eService } from './support/e2e-service';

/**
 * Member accounts over HTTP, as a portal drives them: createAccount and its asynchronous completion
 * by the worker, listing, moving (with paths), removing, leaving with the member's own key, closing,
 * the refusals, and tenant isolation.
 */
const operatorToken = 'e2e-accounts-operator';
// Long enough that a busy machine still asks within it after the creations; the later removal waits it out.
const WAIT_PERIOD_MS = 12_000;

let database: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;

const e2e = new E2eService(operatorToken);

beforeAll(async () => {
  await e2e.start({
    // Short enough for a test, long enough to see the refusals first.
    CREATED_ACCOUNT_WAIT_PERIOD_MS: String(WAIT_PERIOD_MS),
    ACCOUNT_CLOSURE_DELAY_MS: '1000',
  });
  ({ database, gql } = e2e);
}, 90_000);

afterAll(() => e2e.stop());

const ACCOUNT_FIELDS = 'id arn email name status state paths joinedMethod joinedTimestamp';
const STATUS_FIELDS = 'id accountName state requestedTimestamp completedTimestamp accountId failureReason';

interface AccountView {
  id: string;
  arn: string;
  email: string;
  name: string;
  status: string;
  state: string;
  paths: string[];
  joinedMethod: string;
  joinedTimestamp: string;
}

interface StatusView {
  id: string;
  accountName: string;
  state: string;
  accountId: string | null;
  failureReason: string | null;
}

function ok<T>(result: GraphqlResult<T>): T {
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

async function createTenant(name: string) {
  const result = await gql<{ createTenant: { apiKey: string; tenant: { id: string }; account: { id: string } } }>(
    'mutation($name: String!) { createTenant(input: { name: $name }) { apiKey tenant { id } account { id } } }',
    { key: operatorToken, variables: { name } },
  );
  return ok(result).createTenant;
}

/** A tenant with an organization: its management key, account, organization and root. */
async function tenantWithOrganization(name: string) {
  const tenant = await createTenant(name);
  const created = ok(
    await gql<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
      'mutation { createOrganization { organization { id } consistencyToken } }',
      { key: tenant.apiKey },
    ),
  ).createOrganization;
  const roots = ok(
    await gql<{ listRoots: { roots: { id: string }[] } }>(
      'query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }',
      {
        key: tenant.apiKey,
        variables: { t: created.consistencyToken },
      },
    ),
  );
  return {
    ...tenant,
    key: tenant.apiKey,
    organizationId: created.organization.id,
    rootId: roots.listRoots.roots[0].id,
  };
}

const createAccountMutation = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { createAccountStatus { ${STATUS_FIELDS} } consistencyToken } }`;

async function requestAccount(key: string, input: object) {
  return gql<{ createAccount: { createAccountStatus: StatusView; consistencyToken: string } }>(createAccountMutation, {
    key,
    variables: { input },
  });
}

async function describeStatus(key: string, id: string, token?: string) {
  return gql<{ describeCreateAccountStatus: { createAccountStatus: StatusView } }>(
    `query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { ${STATUS_FIELDS} } } }`,
    { key, variables: { id, t: token } },
  );
}

/** Polls as an AWS client would, until the worker has finished the request. */
async function finished(key: string, id: string, token: string): Promise<StatusView> {
  return eventually(
    async () => {
      const status = ok(await describeStatus(key, id, token)).describeCreateAccountStatus.createAccountStatus;
      return status.state === 'IN_PROGRESS' ? undefined : status;
    },
    30_000,
    `create-account request ${id} to finish`,
  );
}

async function describeAccount(key: string, accountId: string, token?: string) {
  return gql<{ describeAccount: { account: AccountView } }>(
    `query($id: String!, $t: String) { describeAccount(accountId: $id, consistencyToken: $t) { account { ${ACCOUNT_FIELDS} } } }`,
    { key, variables: { id: accountId, t: token } },
  );
}

async function listAccounts(key: string, args: { maxResults?: number; nextToken?: string | null; t?: string } = {}) {
  return gql<{ listAccounts: { accounts: AccountView[]; nextToken: string | null } }>(
    `query($m: Int, $n: String, $t: String) { listAccounts(maxResults: $m, nextToken: $n, consistencyToken: $t) { accounts { ${ACCOUNT_FIELDS} } nextToken } }`,
    { key, variables: { m: args.maxResults, n: args.nextToken, t: args.t } },
  );
}

async function listAccountsForParent(key: string, parentId: string, token?: string) {
  return gql<{ listAccountsForParent: { accounts: AccountView[]; nextToken: string | null } }>(
    `query($p: String!, $t: String) { listAccountsForParent(parentId: $p, consistencyToken: $t) { accounts { id paths } nextToken } }`,
    { key, variables: { p: parentId, t: token } },
  );
}

const mutate = (name: string, inputType: string) => async (key: string, input: object) =>
  gql<Record<string, { consistencyToken: string }>>(
    `mutation($input: ${inputType}!) { ${name}(input: $input) { consistencyToken } }`,
    {
      key,
      variables: { input },
    },
  );
const moveAccount = mutate('moveAccount', 'MoveAccountInput');
const removeAccount = mutate('removeAccountFromOrganization', 'RemoveAccountFromOrganizationInput');
const closeAccount = mutate('closeAccount', 'CloseAccountInput');
const leaveOrganization = (key: string) =>
  gql<{ leaveOrganization: { consistencyToken: string } }>('mutation { leaveOrganization { consistencyToken } }', {
    key,
  });

async function memberKey(managementKey: string, accountId: string): Promise<string> {
  const result = await gql<{ createApiKey: { apiKey: string } }>(
    'mutation($id: String!) { createApiKey(input: { accountId: $id, role: ADMIN }) { apiKey } }',
    { key: managementKey, variables: { id: accountId } },
  );
  return ok(result).createApiKey.apiKey;
}

async function eventCount(tenantId: string): Promise<number> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1', [tenantId])).rows[0].n;
  } finally {
    await client.end();
  }
}

const unique = () => Math.random().toString(36).slice(2, 10);

describe('member accounts over HTTP', () => {
  let a: Awaited<ReturnType<typeof tenantWithOrganization>>;
  const accounts: string[] = [];
  const requests: string[] = [];
  let createdAt = 0;

  beforeAll(async () => {
    a = await tenantWithOrganization('Accounts A');
  });

  it('creates three accounts asynchronously: IN_PROGRESS at once, SUCCEEDED once the worker has made them', async () => {
    const tags = [{ key: 'team', value: 'payments' }];
    const started = await Promise.all(
      ['Dev', 'Test', 'Prod'].map((name) =>
        requestAccount(a.key, { email: `${name.toLowerCase()}-${unique()}@example.com`, accountName: name, tags }),
      ),
    );
    for (const result of started) {
      const status = ok(result).createAccount.createAccountStatus;
      expect(status).toMatchObject({ state: 'IN_PROGRESS', accountId: null, failureReason: null });
      expect(status.id).toMatch(/^car-[a-z0-9]{8,32}$/);
    }
    const done = await Promise.all(
      started.map((r) =>
        finished(a.key, r.data!.createAccount.createAccountStatus.id, r.data!.createAccount.consistencyToken),
      ),
    );
    createdAt = Date.now();
    for (const status of done) {
      expect(status.state).toBe('SUCCEEDED');
      expect(status.accountId).toMatch(/^\d{12}$/);
      accounts.push(status.accountId!);
      requests.push(status.id);
    }
    expect(new Set(accounts).size).toBe(3);
  });

  it('refuses to remove a created account during its wait period', async () => {
    expect(Date.now() - createdAt).toBeLessThan(WAIT_PERIOD_MS);
    const refused = await removeAccount(a.key, { accountId: accounts[2] });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'ConstraintViolationException',
      reason: 'WAIT_PERIOD_ACTIVE',
    });
  });

  it('lists the requests by state, and describes a created account: ACTIVE, CREATED, under the root', async () => {
    const listed = ok(
      await gql<{ listCreateAccountStatus: { createAccountStatuses: StatusView[] } }>(
        `{ listCreateAccountStatus(states: [SUCCEEDED]) { createAccountStatuses { ${STATUS_FIELDS} } nextToken } }`,
        { key: a.key },
      ),
    );
    expect(listed.listCreateAccountStatus.createAccountStatuses.map((s) => s.id).sort()).toEqual([...requests].sort());
    const none = ok(
      await gql<{ listCreateAccountStatus: { createAccountStatuses: StatusView[] } }>(
        '{ listCreateAccountStatus(states: [FAILED]) { createAccountStatuses { id } } }',
        { key: a.key },
      ),
    );
    expect(none.listCreateAccountStatus.createAccountStatuses).toEqual([]);

    const account = ok(await describeAccount(a.key, accounts[0])).describeAccount.account;
    expect(account).toMatchObject({
      id: accounts[0],
      arn: `arn:aws:organizations::${a.account.id}:account/${a.organizationId}/${accounts[0]}`,
      name: 'Dev',
      status: 'ACTIVE',
      state: 'ACTIVE',
      joinedMethod: 'CREATED',
      paths: [`${a.organizationId}/${a.rootId}/${accounts[0]}/`],
    });
    const tags = ok(
      await gql<{ listTagsForResource: { tags: unknown[] } }>(
        'query($id: String!) { listTagsForResource(resourceId: $id) { tags { key value } } }',
        { key: a.key, variables: { id: accounts[0] } },
      ),
    );
    expect(tags.listTagsForResource.tags).toEqual([{ key: 'team', value: 'payments' }]);
  });

  it('lists every account of the organization, the management account included, page by page', async () => {
    const first = ok(await listAccounts(a.key, { maxResults: 2 })).listAccounts;
    expect(first.accounts).toHaveLength(2);
    expect(first.nextToken).not.toBeNull();
    const second = ok(await listAccounts(a.key, { maxResults: 2, nextToken: first.nextToken })).listAccounts;
    expect(second.nextToken).toBeNull();
    const ids = [...first.accounts, ...second.accounts].map((acc) => acc.id);
    expect(ids.sort()).toEqual([a.account.id, ...accounts].sort());
  });

  it("moves an account into an OU: its path and its parent's listing follow", async () => {
    const ou = ok(
      await gql<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
        'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Workloads" }) { organizationalUnit { id } } }',
        { key: a.key, variables: { p: a.rootId } },
      ),
    ).createOrganizationalUnit.organizationalUnit.id;
    const moved = ok(
      await moveAccount(a.key, { accountId: accounts[0], sourceParentId: a.rootId, destinationParentId: ou }),
    ).moveAccount;
    const account = ok(await describeAccount(a.key, accounts[0], moved.consistencyToken)).describeAccount.account;
    expect(account.paths).toEqual([`${a.organizationId}/${a.rootId}/${ou}/${accounts[0]}/`]);
    expect(ok(await listAccountsForParent(a.key, ou)).listAccountsForParent.accounts.map((x) => x.id)).toEqual([
      accounts[0],
    ]);
    expect(
      ok(await listAccountsForParent(a.key, a.rootId)).listAccountsForParent.accounts.map((x) => x.id),
    ).not.toContain(accounts[0]);

    const wrongSource = await moveAccount(a.key, {
      accountId: accounts[0],
      sourceParentId: a.rootId,
      destinationParentId: ou,
    });
    expect(errorCode(wrongSource)).toBe('SourceParentNotFoundException');
    const unknownDestination = await moveAccount(a.key, {
      accountId: accounts[0],
      sourceParentId: ou,
      destinationParentId: `ou-${a.rootId.slice(2)}-zzzzzzzz`,
    });
    expect(errorCode(unknownDestination)).toBe('DestinationParentNotFoundException');
    const duplicate = await moveAccount(a.key, { accountId: accounts[0], sourceParentId: ou, destinationParentId: ou });
    expect(errorCode(duplicate)).toBe('DuplicateAccountException');
  });

  it('lets a member describe itself only, and refuses it everything a management account does', async () => {
    const key = await memberKey(a.key, accounts[1]);
    expect(ok(await describeAccount(key, accounts[1])).describeAccount.account.id).toBe(accounts[1]);
    expect(errorCode(await describeAccount(key, accounts[0]))).toBe('AccessDeniedException');
    expect(errorCode(await listAccounts(key))).toBe('AccessDeniedException');
    expect(errorCode(await describeStatus(key, requests[0]))).toBe('AccessDeniedException');
    expect(errorCode(await requestAccount(key, { email: `m-${unique()}@example.com`, accountName: 'Nope' }))).toBe(
      'AccessDeniedException',
    );
    expect(
      errorCode(
        await moveAccount(key, { accountId: accounts[1], sourceParentId: a.rootId, destinationParentId: a.rootId }),
      ),
    ).toBe('AccessDeniedException');
    expect(errorCode(await closeAccount(key, { accountId: accounts[0] }))).toBe('AccessDeniedException');
    expect(errorCode(await removeAccount(key, { accountId: accounts[0] }))).toBe('AccessDeniedException');
  });

  it('lets a member leave with its own key once the wait is over: it becomes standalone', async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, WAIT_PERIOD_MS - (Date.now() - createdAt))));
    const key = await memberKey(a.key, accounts[1]);
    const left = ok(await leaveOrganization(key)).leaveOrganization;
    const after = await gql(
      'query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }',
      { key, variables: { t: left.consistencyToken } },
    );
    expect(errorCode(after)).toBe('AWSOrganizationsNotInUseException');
    expect(errorCode(await leaveOrganization(key))).toBe('AWSOrganizationsNotInUseException');
    const remaining = ok(await listAccounts(a.key, { t: left.consistencyToken })).listAccounts.accounts.map(
      (x) => x.id,
    );
    expect(remaining).not.toContain(accounts[1]);
    await foundsAndWorksInItsOwnOrganization(key);
  });

  /** The API remembers which organization an account is in: after leaving, it must follow the account. */
  async function foundsAndWorksInItsOwnOrganization(key: string) {
    const founded = ok(
      await gql<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
        'mutation { createOrganization { organization { id } consistencyToken } }',
        { key },
      ),
    ).createOrganization;
    const rootId = ok(
      await gql<{ listRoots: { roots: { id: string }[] } }>('query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }', {
        key,
        variables: { t: founded.consistencyToken },
      }),
    ).listRoots.roots[0].id;
    const ou = ok(
      await gql<{ createOrganizationalUnit: { organizationalUnit: { arn: string } } }>(
        'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Own" }) { organizationalUnit { arn } } }',
        { key, variables: { p: rootId } },
      ),
    ).createOrganizationalUnit.organizationalUnit;
    expect(ou.arn).toContain(founded.organization.id);
  }

  it("removes a member: it leaves the organization's listings", async () => {
    const removed = ok(await removeAccount(a.key, { accountId: accounts[2] })).removeAccountFromOrganization;
    const remaining = ok(await listAccounts(a.key, { t: removed.consistencyToken })).listAccounts.accounts.map(
      (x) => x.id,
    );
    expect(remaining.sort()).toEqual([a.account.id, accounts[0]].sort());
    expect(errorCode(await describeAccount(a.key, accounts[2]))).toBe('AccountNotFoundException');
    expect(errorCode(await removeAccount(a.key, { accountId: accounts[2] }))).toBe('AccountNotFoundException');
  });

  it('closes a member: PENDING_CLOSURE at once, SUSPENDED when the closure job has run', async () => {
    const closing = ok(await closeAccount(a.key, { accountId: accounts[0] })).closeAccount;
    const pending = ok(await describeAccount(a.key, accounts[0], closing.consistencyToken)).describeAccount.account;
    expect(pending).toMatchObject({ state: 'PENDING_CLOSURE', status: 'PENDING_CLOSURE' });
    expect(errorCode(await closeAccount(a.key, { accountId: accounts[0] }))).toBe('ConflictException');
    await eventually(
      async () => ok(await describeAccount(a.key, accounts[0])).describeAccount.account.state === 'SUSPENDED',
      30_000,
      'the account to be suspended',
    );
    expect(ok(await describeAccount(a.key, accounts[0])).describeAccount.account.status).toBe('SUSPENDED');
    expect(errorCode(await closeAccount(a.key, { accountId: accounts[0] }))).toBe('AccountAlreadyClosedException');
  });

  it('refuses what AWS refuses', async () => {
    const refusals: [Promise<GraphqlResult>, string, string?][] = [
      [requestAccount(a.key, { email: 'not-an-email', accountName: 'X' }), 'InvalidInputException', 'INVALID_PATTERN'],
      [
        requestAccount(a.key, { email: `r-${unique()}@example.com`, accountName: 'X', roleName: 'AWSServiceRoleForX' }),
        'InvalidInputException',
        'INVALID_ROLE_NAME',
      ],
      [
        requestAccount(a.key, {
          email: `r-${unique()}@example.com`,
          accountName: 'X',
          tags: [{ key: 'aws:x', value: '' }],
        }),
        'InvalidInputException',
        'INVALID_SYSTEM_TAGS_PARAMETER',
      ],
      [removeAccount(a.key, { accountId: a.account.id }), 'MasterCannotLeaveOrganizationException'],
      [leaveOrganization(a.key), 'MasterCannotLeaveOrganizationException'],
      [
        closeAccount(a.key, { accountId: a.account.id }),
        'ConstraintViolationException',
        'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
      ],
      [describeAccount(a.key, '999999999999'), 'AccountNotFoundException'],
      [describeAccount(a.key, '12345'), 'InvalidInputException', 'INVALID_PATTERN'],
      [describeStatus(a.key, 'car-0000000000000000'), 'CreateAccountStatusNotFoundException'],
      [listAccountsForParent(a.key, `ou-${a.rootId.slice(2)}-zzzzzzzz`), 'ParentNotFoundException'],
      [listAccounts(a.key, { maxResults: 21 }), 'InvalidInputException'],
    ];
    for (const [result, code, reason] of refusals) {
      const extensions = (await result).errors?.[0]?.extensions;
      expect(extensions).toMatchObject(reason ? { code, reason } : { code });
    }
  });

  it('fails a request for an email that another account already uses, whatever its case', async () => {
    const taken = ok(await listAccounts(a.key))
      .listAccounts.accounts.find((x) => x.id !== a.account.id)!
      .email.toUpperCase();
    const started = ok(await requestAccount(a.key, { email: taken, accountName: 'Copy' })).createAccount;
    const status = await finished(a.key, started.createAccountStatus.id, started.consistencyToken);
    expect(status).toMatchObject({ state: 'FAILED', failureReason: 'EMAIL_ALREADY_EXISTS', accountId: null });
  });

  it("keeps tenants apart: tenant B's key with tenant A's ids finds nothing and changes nothing", async () => {
    const b = await tenantWithOrganization('Accounts B');
    const before = await eventCount(a.tenant.id);
    expect(errorCode(await describeAccount(b.key, accounts[0]))).toBe('AccountNotFoundException');
    expect(errorCode(await describeStatus(b.key, requests[0]))).toBe('CreateAccountStatusNotFoundException');
    expect(
      errorCode(
        await moveAccount(b.key, { accountId: accounts[0], sourceParentId: b.rootId, destinationParentId: b.rootId }),
      ),
    ).toBe('AccountNotFoundException');
    expect(errorCode(await removeAccount(b.key, { accountId: accounts[0] }))).toBe('AccountNotFoundException');
    expect(errorCode(await closeAccount(b.key, { accountId: a.account.id }))).toBe('AccountNotFoundException');
    expect(errorCode(await listAccountsForParent(b.key, a.rootId))).toBe('ParentNotFoundException');
    expect(ok(await listAccounts(b.key)).listAccounts.accounts.map((x) => x.id)).toEqual([b.account.id]);
    expect(await eventCount(a.tenant.id)).toBe(before);
  });
});

describe('account quota', () => {
  it("refuses a request beyond the tenant's account quota with ACCOUNT_NUMBER_LIMIT_EXCEEDED", async () => {
    const c = await tenantWithOrganization('Accounts C');
    const quotas = await gql(
      'mutation($t: String!) { updateTenantQuotas(input: { tenantId: $t, maxAccounts: 2 }) { consistencyToken } }',
      {
        key: operatorToken,
        variables: { t: c.tenant.id },
      },
    );
    expect(quotas.errors).toBeUndefined();
    expect(
      ok(await requestAccount(c.key, { email: `q1-${unique()}@example.com`, accountName: 'One' })).createAccount
        .createAccountStatus.state,
    ).toBe('IN_PROGRESS');
    const refused = await requestAccount(c.key, { email: `q2-${unique()}@example.com`, accountName: 'Two' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'ConstraintViolationException',
      reason: 'ACCOUNT_NUMBER_LIMIT_EXCEEDED',
    });
  });
});

import { Client } from 'pg';
import {
  createTestDatabase,
  freePort,
  startService,
  testRedisPrefix,
  testRedisUrl,
  type ServiceProcess,
  type TestDatabase,
} from '@orgs/shared/testing';
import { errorCode, graphqlClient, type GraphqlResult } from './graphql-client';

/**
 * Invitations and the move to all features over HTTP. Invitees are standalone accounts of the same
 * tenant, registered with registerStandaloneAccount; each has its own key, so it accepts and
 * declines as itself. A second service, whose invitations live 3 seconds, shows expiry.
 */
const operatorToken = 'e2e-operator-token';
const HANDSHAKE = 'id arn action state requestedTimestamp expirationTimestamp parties { id type } resources { type value resources { type value } }';

interface Handshake {
  id: string;
  arn: string;
  action: string;
  state: string;
  requestedTimestamp: string;
  expirationTimestamp: string;
  parties: { id: string; type: string }[];
  resources: { type: string; value: string; resources?: { type: string; value: string }[] | null }[];
}
interface Account {
  id: string;
  email: string;
  key: string;
}

class Installation {
  database!: TestDatabase;
  service!: ServiceProcess;
  gql!: ReturnType<typeof graphqlClient>;

  async start(env: Record<string, string> = {}): Promise<void> {
    this.database = await createTestDatabase();
    const port = await freePort();
    this.service = startService('apps/launcher/src/main.js', {
      DATABASE_URL: this.database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: testRedisPrefix(),
      PORT: String(port),
      WORKER_METRICS_PORT: String(await freePort()),
      OPERATOR_TOKEN: operatorToken,
      LOG_LEVEL: 'warn',
      ...env,
    });
    await this.service.waitForOutput(/Demo API key:\s+(\S+)/, 120_000);
    this.gql = graphqlClient(`http://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    await this.database?.drop();
  }

  /** Runs and fails the test on any GraphQL error. */
  async ok<T>(query: string, key: string, variables?: object): Promise<T> {
    const result = await this.gql<T>(query, { key, variables });
    if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** A tenant and its first account, which creates an organization with the given feature set. */
  async organization(name: string, featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL') {
    const tenant = await this.ok<{ createTenant: { tenant: { id: string }; account: { id: string; email: string }; apiKey: string } }>(
      'mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } account { id email } apiKey } }',
      operatorToken,
      { name },
    );
    const { tenant: t, account, apiKey } = tenant.createTenant;
    const created = await this.ok<{ createOrganization: { organization: { id: string } } }>(
      `mutation { createOrganization(input: { featureSet: ${featureSet} }) { organization { id } } }`,
      apiKey,
    );
    return { tenantId: t.id, organizationId: created.createOrganization.organization.id, management: { id: account.id, email: account.email, key: apiKey } };
  }

  /** A standalone account of the key's tenant, with its own ADMIN key. */
  async standaloneAccount(key: string, accountName: string, email: string): Promise<Account> {
    const data = await this.ok<{ registerStandaloneAccount: { account: { id: string; email: string }; apiKey: string } }>(
      'mutation($n: String!, $e: String!) { registerStandaloneAccount(input: { accountName: $n, email: $e }) { account { id email } apiKey } }',
      key,
      { n: accountName, e: email },
    );
    return { ...data.registerStandaloneAccount.account, key: data.registerStandaloneAccount.apiKey };
  }

  invite(key: string, target: { id: string; type: string }, extra = '') {
    return this.gql<{ inviteAccountToOrganization: { handshake: Handshake; consistencyToken: string } }>(
      `mutation($id: String!, $type: HandshakePartyType!) { inviteAccountToOrganization(input: { target: { id: $id, type: $type } ${extra} }) { handshake { ${HANDSHAKE} } consistencyToken } }`,
      { key, variables: target },
    );
  }

  /** The invitation, and the token that reads it. */
  async invited(key: string, target: { id: string; type: string }, extra = ''): Promise<{ handshake: Handshake; token: string }> {
    const result = await this.invite(key, target, extra);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const { handshake, consistencyToken } = result.data!.inviteAccountToOrganization;
    return { handshake, token: consistencyToken };
  }

  /** acceptHandshake, declineHandshake or cancelHandshake. */
  answer(operation: 'acceptHandshake' | 'declineHandshake' | 'cancelHandshake', key: string, handshakeId: string) {
    return this.gql<Record<string, { handshake: Handshake; consistencyToken: string }>>(
      `mutation($h: String!) { ${operation}(input: { handshakeId: $h }) { handshake { ${HANDSHAKE} } consistencyToken } }`,
      { key, variables: { h: handshakeId } },
    );
  }

  describe(key: string, handshakeId: string, consistencyToken?: string) {
    return this.gql<{ describeHandshake: { handshake: Handshake } }>(
      `query($h: String!, $t: String) { describeHandshake(handshakeId: $h, consistencyToken: $t) { handshake { ${HANDSHAKE} } } }`,
      { key, variables: { h: handshakeId, t: consistencyToken } },
    );
  }

  list(operation: 'listHandshakesForAccount' | 'listHandshakesForOrganization', key: string, args = '', consistencyToken?: string) {
    return this.gql<Record<string, { handshakes: Handshake[]; nextToken: string | null }>>(
      `query($t: String) { ${operation}(consistencyToken: $t ${args}) { handshakes { ${HANDSHAKE} } nextToken } }`,
      { key, variables: { t: consistencyToken } },
    );
  }

  async sql<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }

  eventCount = async () => (await this.sql<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0].n;
}

const orgs = new Installation();
const reasonOf = (result: GraphqlResult) => result.errors?.[0]?.extensions?.reason;
const accountTarget = (account: { id: string }) => ({ id: account.id, type: 'ACCOUNT' });
const emailTarget = (email: string) => ({ id: email, type: 'EMAIL' });
let seq = 0;
const uniqueEmail = (name: string) => `${name}-${Date.now()}-${seq++}@example.com`;

beforeAll(() => orgs.start(), 90_000);
afterAll(() => orgs.stop());

describe('an invitation accepted', () => {
  let org: Awaited<ReturnType<Installation['organization']>>;
  let invitee: Account;
  let handshake: Handshake;
  let token: string;

  beforeAll(async () => {
    org = await orgs.organization('Invitations');
    invitee = await orgs.standaloneAccount(org.management.key, 'Invitee', uniqueEmail('invitee'));
    ({ handshake, token } = await orgs.invited(org.management.key, accountTarget(invitee), 'notes: "Please join." tags: [{ key: "team", value: "payments" }]'));
  });

  it('is an OPEN INVITE, shaped as the reference example, expiring after 15 days', () => {
    expect(handshake.id).toMatch(/^h-[0-9a-f]{32}$/);
    expect(handshake).toMatchObject({
      arn: `arn:aws:organizations::${org.management.id}:handshake/${org.organizationId}/invite/${handshake.id}`,
      action: 'INVITE',
      state: 'OPEN',
      parties: [{ id: org.organizationId, type: 'ORGANIZATION' }, { id: invitee.id, type: 'ACCOUNT' }],
      resources: [
        { type: 'ORGANIZATION', value: org.organizationId, resources: [{ type: 'MASTER_EMAIL', value: org.management.email }, { type: 'MASTER_NAME', value: expect.any(String) }, { type: 'ORGANIZATION_FEATURE_SET', value: 'ALL' }] },
        { type: 'ACCOUNT', value: invitee.id },
        { type: 'NOTES', value: 'Please join.' },
      ],
    });
    expect(Date.parse(handshake.expirationTimestamp) - Date.parse(handshake.requestedTimestamp)).toBe(15 * 86_400_000);
  });

  it('is listed for the invitee, who is in no organization, and described to both parties only', async () => {
    const listed = await orgs.list('listHandshakesForAccount', invitee.key, '', token);
    expect(listed.data?.listHandshakesForAccount.handshakes.map((h) => h.id)).toEqual([handshake.id]);
    expect((await orgs.describe(invitee.key, handshake.id, token)).data?.describeHandshake.handshake).toEqual(handshake);
    expect((await orgs.describe(org.management.key, handshake.id)).data?.describeHandshake.handshake).toEqual(handshake);
    const stranger = await orgs.standaloneAccount(org.management.key, 'Stranger', uniqueEmail('stranger'));
    expect(errorCode(await orgs.describe(stranger.key, handshake.id))).toBe('HandshakeNotFoundException');
    expect(errorCode(await orgs.answer('acceptHandshake', stranger.key, handshake.id))).toBe('HandshakeNotFoundException');
  });

  it('refuses the management account accepting its own invitation, and the invitee canceling it', async () => {
    expect(errorCode(await orgs.answer('acceptHandshake', org.management.key, handshake.id))).toBe('AccessDeniedException');
    expect(errorCode(await orgs.answer('cancelHandshake', invitee.key, handshake.id))).toBe('AccessDeniedException');
  });

  it('makes the invitee a member under the root, with the invitation\'s tags', async () => {
    const accepted = await orgs.answer('acceptHandshake', invitee.key, handshake.id);
    expect(accepted.errors).toBeUndefined();
    const { handshake: after, consistencyToken } = accepted.data!.acceptHandshake;
    expect(after).toMatchObject({ id: handshake.id, state: 'ACCEPTED' });
    const described = await orgs.gql<{ describeOrganization: { organization: { id: string } } }>(
      'query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }',
      { key: invitee.key, variables: { t: consistencyToken } },
    );
    expect(described.data?.describeOrganization.organization.id).toBe(org.organizationId);
    const [row] = await orgs.sql<{ organization_id: string; parent_id: string; joined_method: string; path: string; arn: string }>(
      'SELECT organization_id, parent_id, joined_method, path, arn FROM accounts WHERE id = $1',
      [invitee.id],
    );
    const [root] = await orgs.sql<{ id: string }>('SELECT id FROM roots WHERE organization_id = $1', [org.organizationId]);
    expect(row).toEqual({
      organization_id: org.organizationId,
      parent_id: root.id,
      joined_method: 'INVITED',
      path: `${org.organizationId}/${root.id}/${invitee.id}/`,
      arn: `arn:aws:organizations::${org.management.id}:account/${org.organizationId}/${invitee.id}`,
    });
    const tags = await orgs.gql<{ listTagsForResource: { tags: { key: string; value: string }[] } }>(
      'query($r: String!, $t: String) { listTagsForResource(resourceId: $r, consistencyToken: $t) { tags { key value } } }',
      { key: org.management.key, variables: { r: invitee.id, t: consistencyToken } },
    );
    expect(tags.data?.listTagsForResource.tags).toEqual([{ key: 'team', value: 'payments' }]);
  });

  it('refuses accepting twice, declining and canceling an accepted invitation, and inviting a member', async () => {
    expect(errorCode(await orgs.answer('acceptHandshake', invitee.key, handshake.id))).toBe('HandshakeAlreadyInStateException');
    expect(errorCode(await orgs.answer('declineHandshake', invitee.key, handshake.id))).toBe('InvalidHandshakeTransitionException');
    expect(errorCode(await orgs.answer('cancelHandshake', org.management.key, handshake.id))).toBe('InvalidHandshakeTransitionException');
    const again = await orgs.invite(org.management.key, accountTarget(invitee));
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'HandshakeConstraintViolationException', reason: 'ALREADY_IN_AN_ORGANIZATION' });
  });

  it('lists the organization\'s handshakes to the management account only, page by page', async () => {
    const { token: latest } = await orgs.invited(org.management.key, emailTarget(uniqueEmail('page')));
    const first = await orgs.list('listHandshakesForOrganization', org.management.key, 'maxResults: 1', latest);
    expect(first.data?.listHandshakesForOrganization.handshakes.map((h) => h.id)).toEqual([handshake.id]);
    const nextToken = first.data!.listHandshakesForOrganization.nextToken;
    expect(nextToken).toEqual(expect.any(String));
    const second = await orgs.list('listHandshakesForOrganization', org.management.key, `maxResults: 1, nextToken: "${nextToken}"`);
    expect(second.data?.listHandshakesForOrganization.handshakes).toHaveLength(1);
    const filtered = await orgs.list('listHandshakesForOrganization', org.management.key, 'filter: { actionType: ENABLE_ALL_FEATURES }');
    expect(filtered.data?.listHandshakesForOrganization.handshakes).toEqual([]);
    expect(errorCode(await orgs.list('listHandshakesForOrganization', invitee.key))).toBe('AccessDeniedException');
  });
});

describe('invitations declined and canceled', () => {
  it('lets the account whose email was invited see and decline the invitation', async () => {
    const org = await orgs.organization('Declines');
    const email = uniqueEmail('Decliner');
    const decliner = await orgs.standaloneAccount(org.management.key, 'Decliner', email);
    const { handshake, token } = await orgs.invited(org.management.key, emailTarget(email.toUpperCase()));
    expect(handshake.parties).toContainEqual({ id: email.toUpperCase(), type: 'EMAIL' });
    const listed = await orgs.list('listHandshakesForAccount', decliner.key, 'filter: { actionType: INVITE }', token);
    expect(listed.data?.listHandshakesForAccount.handshakes.map((h) => h.id)).toEqual([handshake.id]);
    const declined = await orgs.answer('declineHandshake', decliner.key, handshake.id);
    expect(declined.data?.declineHandshake.handshake.state).toBe('DECLINED');
    expect(errorCode(await orgs.answer('declineHandshake', decliner.key, handshake.id))).toBe('HandshakeAlreadyInStateException');
    expect(errorCode(await orgs.answer('acceptHandshake', decliner.key, handshake.id))).toBe('InvalidHandshakeTransitionException');
    const seen = await orgs.describe(org.management.key, handshake.id, declined.data!.declineHandshake.consistencyToken);
    expect(seen.data?.describeHandshake.handshake.state).toBe('DECLINED');
  });

  it('lets the management account cancel an invitation to an email no account has yet', async () => {
    const org = await orgs.organization('Cancels');
    const { handshake } = await orgs.invited(org.management.key, emailTarget(uniqueEmail('nobody')));
    const canceled = await orgs.answer('cancelHandshake', org.management.key, handshake.id);
    expect(canceled.data?.cancelHandshake.handshake.state).toBe('CANCELED');
    expect(errorCode(await orgs.answer('cancelHandshake', org.management.key, handshake.id))).toBe('HandshakeAlreadyInStateException');
    const seen = await orgs.describe(org.management.key, handshake.id, canceled.data!.cancelHandshake.consistencyToken);
    expect(seen.data?.describeHandshake.handshake.state).toBe('CANCELED');
  });

  it('refuses an account that joined another organization meanwhile (its membership claim)', async () => {
    const first = await orgs.organization('Two organizations');
    const secondManagement = await orgs.standaloneAccount(first.management.key, 'Second management', uniqueEmail('second'));
    await orgs.ok('mutation { createOrganization { organization { id } } }', secondManagement.key);
    const invitee = await orgs.standaloneAccount(first.management.key, 'Wanted', uniqueEmail('wanted'));
    const { handshake: fromFirst } = await orgs.invited(first.management.key, accountTarget(invitee));
    const { handshake: fromSecond } = await orgs.invited(secondManagement.key, accountTarget(invitee));
    expect((await orgs.answer('acceptHandshake', invitee.key, fromFirst.id)).errors).toBeUndefined();
    const refused = await orgs.answer('acceptHandshake', invitee.key, fromSecond.id);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'HandshakeConstraintViolationException', reason: 'ALREADY_IN_AN_ORGANIZATION' });
  });
});

describe('refusals', () => {
  it('refuses bad input with InvalidInputException before anything is appended', async () => {
    const org = await orgs.organization('Bad input');
    const before = await orgs.eventCount();
    const cases: [GraphqlResult, string][] = [
      [await orgs.invite(org.management.key, { id: org.organizationId, type: 'ORGANIZATION' }), 'INVALID_PARTY_TYPE_TARGET'],
      [await orgs.invite(org.management.key, { id: 'someone@example.com', type: 'ACCOUNT' }), 'INVALID_PARTY_TYPE_TARGET'],
      [await orgs.invite(org.management.key, emailTarget('not-an-email')), 'INVALID_EMAIL_ADDRESS_TARGET'],
      [await orgs.invite(org.management.key, emailTarget(uniqueEmail('tags')), 'tags: [{ key: "aws:x", value: "y" }]'), 'INVALID_SYSTEM_TAGS_PARAMETER'],
      [await orgs.answer('acceptHandshake', org.management.key, 'h-NOT-VALID'), 'INVALID_PATTERN'],
      [await orgs.list('listHandshakesForAccount', org.management.key, 'maxResults: 21'), 'MAX_VALUE_EXCEEDED'],
      [await orgs.list('listHandshakesForAccount', org.management.key, 'filter: { actionType: INVITE, parentHandshakeId: "h-0123456789" }'), 'MAX_LIMIT_EXCEEDED_FILTER'],
    ];
    for (const [result, reason] of cases) expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'InvalidInputException', reason });
    expect(await orgs.eventCount()).toBe(before);
  });

  it('refuses a duplicate invitation, an unknown account id, and a caller that is not the management account', async () => {
    const org = await orgs.organization('Duplicates');
    const email = uniqueEmail('dup');
    await orgs.invited(org.management.key, emailTarget(email));
    expect(errorCode(await orgs.invite(org.management.key, emailTarget(email)))).toBe('DuplicateHandshakeException');
    expect(errorCode(await orgs.invite(org.management.key, { id: '000000000000', type: 'ACCOUNT' }))).toBe('AccountNotFoundException');
    const outsider = await orgs.standaloneAccount(org.management.key, 'Outsider', uniqueEmail('outsider'));
    expect(errorCode(await orgs.invite(outsider.key, emailTarget(uniqueEmail('x'))))).toBe('AWSOrganizationsNotInUseException');
  });

  it('counts pending invitations against the tenant\'s account quota, and frees them when canceled', async () => {
    const org = await orgs.organization('Quota');
    await orgs.ok('mutation($t: String!, $n: Int) { updateTenantQuotas(input: { tenantId: $t, maxAccounts: $n }) { consistencyToken } }', operatorToken, { t: org.tenantId, n: 2 });
    const { handshake: pending } = await orgs.invited(org.management.key, emailTarget(uniqueEmail('q')));
    expect(reasonOf(await orgs.invite(org.management.key, emailTarget(uniqueEmail('q'))))).toBe('ACCOUNT_NUMBER_LIMIT_EXCEEDED');
    await orgs.answer('cancelHandshake', org.management.key, pending.id);
    expect((await orgs.invite(org.management.key, emailTarget(uniqueEmail('q')))).errors).toBeUndefined();
  });

  it('refuses the 21st invitation in 24 hours, canceled ones included', async () => {
    const org = await orgs.organization('Rate');
    for (let i = 0; i < 20; i++) {
      const { handshake } = await orgs.invited(org.management.key, emailTarget(uniqueEmail('rate')));
      await orgs.answer('cancelHandshake', org.management.key, handshake.id);
    }
    expect(reasonOf(await orgs.invite(org.management.key, emailTarget(uniqueEmail('rate'))))).toBe('HANDSHAKE_RATE_LIMIT_EXCEEDED');
  });
});

describe('tenant isolation', () => {
  it('gives another tenant\'s key HandshakeNotFoundException for a handshake id, and changes nothing', async () => {
    const a = await orgs.organization('Tenant A');
    const b = await orgs.organization('Tenant B');
    const { handshake, token } = await orgs.invited(a.management.key, emailTarget(uniqueEmail('isolated')));
    const before = await orgs.eventCount();
    expect(errorCode(await orgs.describe(b.management.key, handshake.id))).toBe('HandshakeNotFoundException');
    for (const operation of ['acceptHandshake', 'declineHandshake', 'cancelHandshake'] as const) {
      expect(errorCode(await orgs.answer(operation, b.management.key, handshake.id))).toBe('HandshakeNotFoundException');
    }
    expect(await orgs.eventCount()).toBe(before);
    expect((await orgs.list('listHandshakesForOrganization', b.management.key, '', token)).data?.listHandshakesForOrganization.handshakes).toEqual([]);
    expect(errorCode(await orgs.describe(b.management.key, handshake.id, token))).toBe('HandshakeNotFoundException');
    expect((await orgs.describe(a.management.key, handshake.id, token)).data?.describeHandshake.handshake.state).toBe('OPEN');
  });
});

describe('enabling all features', () => {
  it('asks the invited member to approve, then lets the management account finalise', async () => {
    const org = await orgs.organization('Billing only', 'CONSOLIDATED_BILLING');
    const memberAccount = await orgs.standaloneAccount(org.management.key, 'Member', uniqueEmail('member'));
    const { handshake: invitation } = await orgs.invited(org.management.key, accountTarget(memberAccount));
    await orgs.answer('acceptHandshake', memberAccount.key, invitation.id);
    const { handshake: pendingInvitation } = await orgs.invited(org.management.key, emailTarget(uniqueEmail('pending')));

    const started = await orgs.gql<{ enableAllFeatures: { handshake: Handshake; consistencyToken: string } }>(`mutation { enableAllFeatures { handshake { ${HANDSHAKE} } consistencyToken } }`, { key: org.management.key });
    const parent = started.data!.enableAllFeatures.handshake;
    expect(parent).toMatchObject({ action: 'ENABLE_ALL_FEATURES', state: 'REQUESTED', parties: [{ id: org.organizationId, type: 'ORGANIZATION' }] });
    expect(Date.parse(parent.expirationTimestamp) - Date.parse(parent.requestedTimestamp)).toBe(90 * 86_400_000);
    const token = started.data!.enableAllFeatures.consistencyToken;
    expect((await orgs.describe(org.management.key, pendingInvitation.id, token)).data?.describeHandshake.handshake.state).toBe('CANCELED');

    const again = await orgs.gql('mutation { enableAllFeatures { handshake { id } } }', { key: org.management.key });
    expect(reasonOf(again)).toBe('ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION');
    expect(reasonOf(await orgs.invite(org.management.key, emailTarget(uniqueEmail('late'))))).toBe('INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES');
    expect(errorCode(await orgs.answer('acceptHandshake', org.management.key, parent.id))).toBe('InvalidHandshakeTransitionException');

    const requests = await orgs.list('listHandshakesForAccount', memberAccount.key, `filter: { parentHandshakeId: "${parent.id}" }`, token);
    const [approval] = requests.data!.listHandshakesForAccount.handshakes;
    expect(approval).toMatchObject({ action: 'APPROVE_ALL_FEATURES', state: 'OPEN' });
    expect(approval.resources).toContainEqual({ type: 'PARENT_HANDSHAKE', value: parent.id, resources: null });
    const approved = await orgs.answer('acceptHandshake', memberAccount.key, approval.id);
    expect(approved.data?.acceptHandshake.handshake.state).toBe('ACCEPTED');
    const opened = await orgs.describe(org.management.key, parent.id, approved.data!.acceptHandshake.consistencyToken);
    expect(opened.data?.describeHandshake.handshake.state).toBe('OPEN');

    const finalised = await orgs.answer('acceptHandshake', org.management.key, parent.id);
    expect(finalised.data?.acceptHandshake.handshake.state).toBe('ACCEPTED');
    const organization = await orgs.ok<{ describeOrganization: { organization: { featureSet: string } } }>(
      'query($t: String) { describeOrganization(consistencyToken: $t) { organization { featureSet } } }',
      org.management.key,
      { t: finalised.data!.acceptHandshake.consistencyToken },
    );
    expect(organization.describeOrganization.organization.featureSet).toBe('ALL');
    const roots = await orgs.ok<{ listRoots: { roots: { policyTypes: unknown[] }[] } }>('{ listRoots { roots { policyTypes { type status } } } }', org.management.key);
    expect(roots.listRoots.roots[0].policyTypes).toEqual([{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }]);
    expect(reasonOf(await orgs.gql('mutation { enableAllFeatures { handshake { id } } }', { key: org.management.key }))).toBe('ORGANIZATION_ALREADY_HAS_ALL_FEATURES');
  });
});

describe('expiry', () => {
  const short = new Installation();
  // Its own Redis prefix: the first installation's worker must not take this one's expiry jobs.
  beforeAll(() => short.start({ HANDSHAKE_INVITATION_LIFETIME_SECONDS: '3', REDIS_PREFIX: `${testRedisPrefix()}-expiry` }), 90_000);
  afterAll(() => short.stop());

  it('expires an unanswered invitation at its expiration time and frees its place in the quota', async () => {
    const org = await short.organization('Expiry');
    await short.ok('mutation($t: String!, $n: Int) { updateTenantQuotas(input: { tenantId: $t, maxAccounts: $n }) { consistencyToken } }', operatorToken, { t: org.tenantId, n: 2 });
    const invitee = await short.standaloneAccount(org.management.key, 'Late', uniqueEmail('late'));
    const { handshake } = await short.invited(org.management.key, accountTarget(invitee));
    expect(Date.parse(handshake.expirationTimestamp) - Date.parse(handshake.requestedTimestamp)).toBe(3_000);
    let state = handshake.state;
    for (const deadline = Date.now() + 30_000; state !== 'EXPIRED' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      state = (await short.describe(org.management.key, handshake.id)).data!.describeHandshake.handshake.state;
    }
    expect(state).toBe('EXPIRED');
    expect(errorCode(await short.answer('acceptHandshake', invitee.key, handshake.id))).toBe('InvalidHandshakeTransitionException');
    expect((await short.invite(org.management.key, accountTarget(invitee))).errors).toBeUndefined();
  });
});

import {
  AcceptHandshakeCommand,
  CreateAccountCommand,
  CreateGovCloudAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DeleteOrganizationalUnitCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  InviteAccountToOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListCreateAccountStatusCommand,
  ListHandshakesForAccountCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateOrganizationalUnitCommand,
} from '@aws-sdk/client-organizations';
import { createAccessKey, refusal, wireClient, type AccessKeyPair, type WireClient } from './support/aws-clients';
import { E2eService, uniqueEmail } from './support/e2e-service';

/**
 * The AWS wire API driven by the AWS SDK for JavaScript v3, unmodified but for its endpoint:
 * organization, accounts and their creation, OUs and the tree, moves, tags, handshakes answered
 * with the invitee's own credentials; AWS error names as the SDK surfaces them; signatures,
 * keys, clocks, tenants and tokens that are refused with nothing changed.
 */
const e2e = new E2eService('e2e-wire-operator');
let management: { tenantId: string; accountId: string; key: string };
let keys: AccessKeyPair;
let wire: WireClient;
let organizationId: string;
let rootId: string;
let engineeringId: string;
let securityId: string;
let memberId: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const send = (command: any): Promise<unknown> => wire.client.send(command);

beforeAll(async () => {
  await e2e.start();
  management = await e2e.tenant('Wire A');
  keys = await createAccessKey(e2e, management.key, management.accountId);
  wire = wireClient(e2e.baseUrl, keys);
}, 120_000);
afterAll(() => e2e.stop());

async function readOwnWrites(): Promise<void> {
  wire.readAfter(wire.lastPosition());
}

describe('organization', () => {
  it('creates, describes and lists the roots of an organization, with positions to read the write', async () => {
    const { Organization } = await wire.client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    expect(Organization).toMatchObject({ Id: expect.stringMatching(/^o-[a-z0-9]{10,32}$/), FeatureSet: 'ALL', MasterAccountId: management.accountId });
    organizationId = Organization!.Id!;
    expect(wire.lastPosition()).toMatch(/^\d+\.\d+$/);
    await readOwnWrites();
    const described = await wire.client.send(new DescribeOrganizationCommand({}));
    expect(described.Organization?.Id).toBe(organizationId);
    expect(described.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const { Roots } = await wire.client.send(new ListRootsCommand({}));
    expect(Roots).toHaveLength(1);
    rootId = Roots![0].Id!;
    expect(Roots![0]).toMatchObject({ Name: 'Root', Arn: expect.stringContaining(`:root/${organizationId}/${rootId}`) });
  });
});

describe('organizational units and the tree', () => {
  it('creates OUs, lists them page by page, renames one and answers their parents', async () => {
    const eng = await wire.client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Engineering', Tags: [{ Key: 'team', Value: 'eng' }] }));
    const sec = await wire.client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Security' }));
    engineeringId = eng.OrganizationalUnit!.Id!;
    securityId = sec.OrganizationalUnit!.Id!;
    await readOwnWrites();
    const listed = await wire.client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
    expect(listed.OrganizationalUnits?.map((ou) => ou.Name).sort()).toEqual(['Engineering', 'Security']);
    const first = await wire.client.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT', MaxResults: 1 }));
    expect(first.Children).toHaveLength(1);
    expect(first.NextToken).toBeTruthy();
    const second = await wire.client.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT', MaxResults: 1, NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    expect([first.Children![0].Id, second.Children![0].Id].sort()).toEqual([engineeringId, securityId].sort());
    const { Parents } = await wire.client.send(new ListParentsCommand({ ChildId: engineeringId }));
    expect(Parents).toEqual([{ Id: rootId, Type: 'ROOT' }]);
    const renamed = await wire.client.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: securityId, Name: 'SecOps' }));
    expect(renamed.OrganizationalUnit?.Name).toBe('SecOps');
    await readOwnWrites();
    const described = await wire.client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: securityId }));
    expect(described.OrganizationalUnit?.Name).toBe('SecOps');
  });
});

describe('accounts and their creation status', () => {
  it('creates an account asynchronously, lists it, moves it into an OU and lists it there', async () => {
    const email = uniqueEmail('wire-member');
    const { CreateAccountStatus } = await wire.client.send(new CreateAccountCommand({ Email: email, AccountName: 'Member' }));
    expect(CreateAccountStatus).toMatchObject({ Id: expect.stringMatching(/^car-/), State: 'IN_PROGRESS', RequestedTimestamp: expect.any(Date) });
    await readOwnWrites();
    let status = CreateAccountStatus!;
    for (let i = 0; i < 100 && status.State === 'IN_PROGRESS'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await wire.client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))).CreateAccountStatus!;
    }
    expect(status).toMatchObject({ State: 'SUCCEEDED', AccountId: expect.stringMatching(/^\d{12}$/), CompletedTimestamp: expect.any(Date) });
    memberId = status.AccountId!;
    const statuses = await wire.client.send(new ListCreateAccountStatusCommand({ States: ['SUCCEEDED'] }));
    expect(statuses.CreateAccountStatuses?.map((s) => s.Id)).toContain(CreateAccountStatus!.Id);
    await readOwnWrites();
    const { Account } = await wire.client.send(new DescribeAccountCommand({ AccountId: memberId }));
    expect(Account).toMatchObject({ Id: memberId, Email: email, Name: 'Member', State: 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: expect.any(Date) });
    const { Accounts } = await wire.client.send(new ListAccountsCommand({}));
    expect(Accounts?.map((a) => a.Id).sort()).toEqual([management.accountId, memberId].sort());
    await wire.client.send(new MoveAccountCommand({ AccountId: memberId, SourceParentId: rootId, DestinationParentId: engineeringId }));
    await readOwnWrites();
    const inEngineering = await wire.client.send(new ListAccountsForParentCommand({ ParentId: engineeringId }));
    expect(inEngineering.Accounts?.map((a) => a.Id)).toEqual([memberId]);
    const { Parents } = await wire.client.send(new ListParentsCommand({ ChildId: memberId }));
    expect(Parents).toEqual([{ Id: engineeringId, Type: 'ORGANIZATIONAL_UNIT' }]);
  });
});

describe('tags', () => {
  it('tags and untags an OU and an account', async () => {
    await wire.client.send(new TagResourceCommand({ ResourceId: memberId, Tags: [{ Key: 'cost-center', Value: '42' }, { Key: 'env', Value: 'prod' }] }));
    await wire.client.send(new UntagResourceCommand({ ResourceId: memberId, TagKeys: ['env'] }));
    await readOwnWrites();
    expect((await wire.client.send(new ListTagsForResourceCommand({ ResourceId: memberId }))).Tags).toEqual([{ Key: 'cost-center', Value: '42' }]);
    expect((await wire.client.send(new ListTagsForResourceCommand({ ResourceId: engineeringId }))).Tags).toEqual([{ Key: 'team', Value: 'eng' }]);
  });
});

describe('handshakes', () => {
  it('invites a standalone account, which accepts with its own access key', async () => {
    const { registerStandaloneAccount } = await e2e.ok<{ registerStandaloneAccount: { account: { id: string }; apiKey: string } }>(
      'mutation($e: String!) { registerStandaloneAccount(input: { email: $e, accountName: "Invitee" }) { account { id } apiKey } }',
      management.key,
      { e: uniqueEmail('wire-invitee') },
    );
    const inviteeId = registerStandaloneAccount.account.id;
    const invitee = wireClient(e2e.baseUrl, await createAccessKey(e2e, registerStandaloneAccount.apiKey, inviteeId));
    const { Handshake } = await wire.client.send(new InviteAccountToOrganizationCommand({ Target: { Type: 'ACCOUNT', Id: inviteeId }, Notes: 'Join us' }));
    expect(Handshake).toMatchObject({ Id: expect.stringMatching(/^h-/), State: 'OPEN', Action: 'INVITE', ExpirationTimestamp: expect.any(Date) });
    invitee.readAfter(wire.lastPosition());
    const { Handshakes } = await invitee.client.send(new ListHandshakesForAccountCommand({}));
    expect(Handshakes?.map((h) => h.Id)).toContain(Handshake!.Id);
    const accepted = await invitee.client.send(new AcceptHandshakeCommand({ HandshakeId: Handshake!.Id }));
    expect(accepted.Handshake?.State).toBe('ACCEPTED');
    wire.readAfter(invitee.lastPosition());
    const { Accounts } = await wire.client.send(new ListAccountsCommand({}));
    expect(Accounts?.map((a) => a.Id)).toContain(inviteeId);
  });
});

describe('errors as the SDK surfaces them', () => {
  it('names the AWS exception and its reason, and appends nothing on refused input', async () => {
    const before = await e2e.eventCount();
    expect(await refusal(send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-zzzz-zzzzzzzz' })))).toMatchObject({ name: 'OrganizationalUnitNotFoundException', status: 400 });
    expect(await refusal(send(new CreateOrganizationalUnitCommand({ ParentId: 'not-a-parent', Name: 'X' })))).toEqual({ name: 'InvalidInputException', reason: 'INVALID_PATTERN', status: 400 });
    expect(await refusal(send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: '' })))).toMatchObject({ name: 'InvalidInputException', reason: 'MIN_LENGTH_EXCEEDED' });
    expect(await refusal(send(new ListAccountsCommand({ MaxResults: 21 })))).toMatchObject({ name: 'InvalidInputException', reason: 'MAX_VALUE_EXCEEDED' });
    expect(await refusal(send(new ListAccountsCommand({ NextToken: 'forged.token' })))).toMatchObject({ name: 'InvalidInputException', reason: 'INVALID_NEXT_TOKEN' });
    expect(await refusal(send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: engineeringId })))).toMatchObject({ name: 'OrganizationalUnitNotEmptyException' });
    expect(await refusal(send(new MoveAccountCommand({ AccountId: memberId, SourceParentId: rootId, DestinationParentId: securityId })))).toMatchObject({ name: 'SourceParentNotFoundException' });
    expect(await refusal(send(new CreateOrganizationCommand({})))).toMatchObject({ name: 'AlreadyInOrganizationException' });
    expect(await refusal(send(new CreateGovCloudAccountCommand({ Email: uniqueEmail('gov'), AccountName: 'Gov' })))).toMatchObject({ name: 'UnsupportedAPIEndpointException' });
    expect(await e2e.eventCount()).toBe(before);
  });

  it('refuses a write with a read-only access key', async () => {
    const readOnly = wireClient(e2e.baseUrl, await createAccessKey(e2e, management.key, management.accountId, 'READ_ONLY'));
    const before = await e2e.eventCount();
    expect(await refusal(readOnly.client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Nope' })))).toMatchObject({ name: 'AccessDeniedException' });
    expect((await readOnly.client.send(new ListRootsCommand({}))).Roots?.[0].Id).toBe(rootId);
    expect(await e2e.eventCount()).toBe(before);
  });

  it('answers an unknown target with UnknownOperationException, the AWS headers and body', async () => {
    const response = await fetch(`${e2e.baseUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSOrganizationsV20161128.DescribeEverything' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({ __type: 'UnknownOperationException', Message: expect.any(String) });
  });
});

describe('credentials', () => {
  const attempt = (client: WireClient) => refusal(client.client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Intruder' })));

  it('refuses a bad signature, an unknown key, a skewed clock and a deleted key, and changes nothing', async () => {
    const before = await e2e.eventCount();
    expect(await attempt(wireClient(e2e.baseUrl, { ...keys, secretAccessKey: 'x'.repeat(40) }))).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    expect(await attempt(wireClient(e2e.baseUrl, { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: keys.secretAccessKey }))).toMatchObject({ name: 'UnrecognizedClientException' });
    expect(await attempt(wireClient(e2e.baseUrl, keys, { systemClockOffset: -20 * 60_000 }))).toMatchObject({ name: 'RequestExpired' });
    expect(await attempt(wireClient(e2e.baseUrl, keys, { systemClockOffset: 20 * 60_000 }))).toMatchObject({ name: 'RequestExpired' });
    const doomed = await createAccessKey(e2e, management.key, management.accountId);
    const doomedClient = wireClient(e2e.baseUrl, doomed);
    expect((await doomedClient.client.send(new ListRootsCommand({}))).Roots).toHaveLength(1);
    await e2e.ok('mutation($id: String!) { deleteAccessKey(input: { accessKeyId: $id }) { consistencyToken } }', management.key, { id: doomed.accessKeyId });
    const afterDelete = await e2e.eventCount();
    expect(await attempt(doomedClient)).toMatchObject({ name: 'UnrecognizedClientException' });
    expect(await e2e.eventCount()).toBe(afterDelete);
    expect(afterDelete).toBe(before + 2); // the created and the deleted key, nothing else
  });

  it('signs in any region, as SDKs do with a custom endpoint', async () => {
    const elsewhere = wireClient(e2e.baseUrl, keys, { region: 'ap-southeast-2' });
    expect((await elsewhere.client.send(new ListRootsCommand({}))).Roots?.[0].Id).toBe(rootId);
  });

  it('lists an account\'s access keys over GraphQL, never their secrets', async () => {
    const { listAccessKeys } = await e2e.ok<{ listAccessKeys: { accessKeys: { accessKeyId: string; role: string }[] } }>(
      '{ listAccessKeys { accessKeys { accessKeyId role } } }',
      management.key,
    );
    expect(listAccessKeys.accessKeys.map((k) => k.accessKeyId)).toContain(keys.accessKeyId);
    expect(JSON.stringify(listAccessKeys)).not.toContain(keys.secretAccessKey);
    const stored = await e2e.sql<{ secret_ciphertext: string }>('SELECT secret_ciphertext FROM access_keys WHERE id = $1', [keys.accessKeyId]);
    expect(stored[0].secret_ciphertext).not.toContain(keys.secretAccessKey);
  });
});

describe('another tenant', () => {
  it('cannot reach this tenant\'s OUs, accounts or page tokens, and changes nothing', async () => {
    const other = await e2e.organization('Wire B');
    const intruder = wireClient(e2e.baseUrl, await createAccessKey(e2e, other.key, other.accountId));
    const page = await wire.client.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ORGANIZATIONAL_UNIT', MaxResults: 1 }));
    const before = await e2e.eventCount();
    expect(await refusal(intruder.client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: engineeringId })))).toMatchObject({ name: 'OrganizationalUnitNotFoundException' });
    expect(await refusal(intruder.client.send(new DescribeAccountCommand({ AccountId: memberId })))).toMatchObject({ name: 'AccountNotFoundException' });
    expect((await refusal(intruder.client.send(new MoveAccountCommand({ AccountId: memberId, SourceParentId: engineeringId, DestinationParentId: other.rootId })))).name).toMatch(
      /^(AccountNotFoundException|SourceParentNotFoundException)$/,
    );
    expect(await refusal(intruder.client.send(new TagResourceCommand({ ResourceId: engineeringId, Tags: [{ Key: 'owned', Value: 'yes' }] })))).toMatchObject({ name: 'TargetNotFoundException' });
    expect(await refusal(intruder.client.send(new ListAccountsCommand({ NextToken: page.NextToken })))).toMatchObject({ name: 'InvalidInputException', reason: 'INVALID_NEXT_TOKEN' });
    expect(await e2e.eventCount()).toBe(before);
  });
});

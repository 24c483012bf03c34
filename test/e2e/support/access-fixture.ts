import { eventually } from '@orgs/shared/testing';
import { uniqueEmail, type E2eService } from './e2e-service';

/**
 * One tenant with everything the access matrix aims at: an organization whose root holds an OU, a
 * created member account (moved into the OU), an invited member that accepted, an open invitation
 * to a standalone "prospect", tags on the root, the OU and the created account; and the keys that
 * call: the management account's ADMIN and READ_ONLY keys, and ADMIN keys of both members.
 */
export interface TenantFixture {
  tenantId: string;
  organizationId: string;
  rootId: string;
  ouId: string;
  management: { accountId: string; email: string; key: string; keyId: string };
  readOnly: { key: string; keyId: string };
  /** Created by createAccount; its key was issued by the management account. */
  created: { accountId: string; requestId: string; key: string; keyId: string };
  /** Registered standalone, invited and accepted; its key is its own first key. */
  invited: { accountId: string; key: string; keyId: string; handshakeId: string };
  /** Standalone, with an open invitation from the organization. */
  prospect: { accountId: string; key: string; openHandshakeId: string };
  /** A listAccounts page token (maxResults 1), signed for this tenant. */
  pageToken: string;
  /** The last write's token: reads that pass it see the whole fixture. */
  token: string;
  /** Set by withWebhooksAndAccessKeys (webhook-access-cases.ts), for the matrix only. */
  webhookEndpointId?: string;
  accessKeyIds?: { management: string; invited: string };
}

interface Keyed {
  apiKey: string;
  key: { id: string };
}

export async function buildTenantFixture(orgs: E2eService, name: string): Promise<TenantFixture> {
  const { createTenant } = await orgs.ok<{ createTenant: Keyed & { tenant: { id: string }; account: { id: string; email: string } } }>(
    'mutation($n: String!) { createTenant(input: { name: $n }) { tenant { id } account { id email } apiKey key { id } } }',
    orgs.operatorToken,
    { n: name },
  );
  const key = createTenant.apiKey;
  const management = { accountId: createTenant.account.id, email: createTenant.account.email, key, keyId: createTenant.key.id };
  const { createOrganization } = await orgs.ok<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
    'mutation { createOrganization { organization { id } consistencyToken } }',
    key,
  );
  const { listRoots } = await orgs.ok<{ listRoots: { roots: { id: string }[] } }>('query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }', key, {
    t: createOrganization.consistencyToken,
  });
  const rootId = listRoots.roots[0].id;
  const { createOrganizationalUnit } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
    'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Workloads" }) { organizationalUnit { id } } }',
    key,
    { p: rootId },
  );
  const ouId = createOrganizationalUnit.organizationalUnit.id;
  const created = await createdMember(orgs, key, rootId, ouId);
  const invited = await invitedMember(orgs, key);
  const prospect = await prospectWithOpenInvitation(orgs, key);
  for (const resourceId of [rootId, ouId, created.accountId]) {
    await orgs.ok('mutation($r: String!) { tagResource(input: { resourceId: $r, tags: [{ key: "team", value: "platform" }] }) { consistencyToken } }', key, { r: resourceId });
  }
  const readOnly = await issueKey(orgs, key, management.accountId, 'READ_ONLY');
  const createdKey = await issueKey(orgs, key, created.accountId, 'ADMIN');
  const { listAccounts } = await orgs.ok<{ listAccounts: { nextToken: string } }>('query($t: String) { listAccounts(maxResults: 1, consistencyToken: $t) { nextToken } }', key, {
    t: createdKey.consistencyToken,
  });
  return {
    tenantId: createTenant.tenant.id,
    organizationId: createOrganization.organization.id,
    rootId,
    ouId,
    management,
    readOnly: { key: readOnly.apiKey, keyId: readOnly.key.id },
    created: { ...created, key: createdKey.apiKey, keyId: createdKey.key.id },
    invited,
    prospect,
    pageToken: listAccounts.nextToken,
    token: createdKey.consistencyToken,
  };
}

/** createAccount, polled to SUCCEEDED as an AWS client would, then moved from the root into the OU. */
export async function createdMember(orgs: E2eService, key: string, rootId: string, ouId: string) {
  const { createAccount } = await orgs.ok<{ createAccount: { createAccountStatus: { id: string }; consistencyToken: string } }>(
    'mutation($e: String!) { createAccount(input: { email: $e, accountName: "Created member" }) { createAccountStatus { id } consistencyToken } }',
    key,
    { e: uniqueEmail('created') },
  );
  const requestId = createAccount.createAccountStatus.id;
  const accountId = await eventually(async () => {
    const { describeCreateAccountStatus } = await orgs.ok<{ describeCreateAccountStatus: { createAccountStatus: { state: string; accountId: string | null } } }>(
      'query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { state accountId } } }',
      key,
      { id: requestId, t: createAccount.consistencyToken },
    );
    const status = describeCreateAccountStatus.createAccountStatus;
    if (status.state === 'FAILED') throw new Error(`createAccount ${requestId} failed`);
    return status.state === 'SUCCEEDED' ? status.accountId : null;
  }, 30_000, `create-account request ${requestId}`);
  await orgs.ok(
    'mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }',
    key,
    { a: accountId, s: rootId, d: ouId },
  );
  return { accountId, requestId };
}

async function standalone(orgs: E2eService, key: string, name: string) {
  const { registerStandaloneAccount } = await orgs.ok<{ registerStandaloneAccount: Keyed & { account: { id: string } } }>(
    'mutation($e: String!, $n: String!) { registerStandaloneAccount(input: { email: $e, accountName: $n }) { account { id } apiKey key { id } } }',
    key,
    { e: uniqueEmail(name.toLowerCase()), n: name },
  );
  return { accountId: registerStandaloneAccount.account.id, key: registerStandaloneAccount.apiKey, keyId: registerStandaloneAccount.key.id };
}

async function invite(orgs: E2eService, key: string, accountId: string): Promise<string> {
  const { inviteAccountToOrganization } = await orgs.ok<{ inviteAccountToOrganization: { handshake: { id: string } } }>(
    'mutation($id: String!) { inviteAccountToOrganization(input: { target: { id: $id, type: ACCOUNT } }) { handshake { id } } }',
    key,
    { id: accountId },
  );
  return inviteAccountToOrganization.handshake.id;
}

async function invitedMember(orgs: E2eService, key: string) {
  const account = await standalone(orgs, key, 'Invited');
  const handshakeId = await invite(orgs, key, account.accountId);
  await orgs.ok('mutation($h: String!) { acceptHandshake(input: { handshakeId: $h }) { handshake { state } } }', account.key, { h: handshakeId });
  return { ...account, handshakeId };
}

async function prospectWithOpenInvitation(orgs: E2eService, key: string) {
  const account = await standalone(orgs, key, 'Prospect');
  return { accountId: account.accountId, key: account.key, openHandshakeId: await invite(orgs, key, account.accountId) };
}

async function issueKey(orgs: E2eService, key: string, accountId: string, role: 'ADMIN' | 'READ_ONLY') {
  const { createApiKey } = await orgs.ok<{ createApiKey: Keyed & { consistencyToken: string } }>(
    `mutation($a: String!) { createApiKey(input: { accountId: $a, role: ${role} }) { apiKey key { id } consistencyToken } }`,
    key,
    { a: accountId },
  );
  return createApiKey;
}

/** Every id, email and key id of the fixture: none may appear in another tenant's answers. */
export function idsOf(f: TenantFixture): string[] {
  return [
    f.tenantId,
    f.organizationId,
    f.rootId,
    f.ouId,
    f.management.accountId,
    f.management.email,
    f.management.keyId,
    f.readOnly.keyId,
    f.created.accountId,
    f.created.requestId,
    f.created.keyId,
    f.invited.accountId,
    f.invited.keyId,
    f.invited.handshakeId,
    f.prospect.accountId,
    f.prospect.openHandshakeId,
    ...(f.webhookEndpointId ? [f.webhookEndpointId] : []),
    ...(f.accessKeyIds ? [f.accessKeyIds.management, f.accessKeyIds.invited] : []),
  ];
}

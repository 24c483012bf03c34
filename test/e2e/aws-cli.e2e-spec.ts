import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createAccessKey, type AccessKeyPair } from './support/aws-clients';
import { E2eService } from './support/e2e-service';

/**
 * The AWS CLI v2 (Debian's awscli, which .ci/run installs) against the wire API, changed only by
 * --endpoint-url: describe-organization, list-accounts, create-organizational-unit.
 */
const AWS_CLI = process.env.AWS_CLI_V2 ?? '/usr/bin/aws';
const run = promisify(execFile);
const e2e = new E2eService('e2e-aws-cli-operator');
let organization: Awaited<ReturnType<E2eService['organization']>>;
let keys: AccessKeyPair;

beforeAll(async () => {
  const { stdout } = await run(AWS_CLI, ['--version']).catch((error: Error) => {
    throw new Error(`The AWS CLI v2 is needed at ${AWS_CLI} (apt-get install awscli): ${error.message}`);
  });
  if (!stdout.startsWith('aws-cli/2')) throw new Error(`${AWS_CLI} is not the AWS CLI v2: ${stdout}`);
  await e2e.start();
  organization = await e2e.organization('CLI tenant');
  keys = await createAccessKey(e2e, organization.key, organization.accountId);
}, 120_000);
afterAll(() => e2e.stop());

async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const home = mkdtempSync(path.join(tmpdir(), 'orgs-aws-cli-'));
  const { stdout } = await run(AWS_CLI, ['--endpoint-url', e2e.baseUrl, '--output', 'json', 'organizations', ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ACCESS_KEY_ID: keys.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
      AWS_REGION: 'eu-central-1',
      AWS_CONFIG_FILE: path.join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

it('describes the organization', async () => {
  const answer = await aws('describe-organization');
  expect(answer.Organization).toMatchObject({ Id: organization.organizationId, MasterAccountId: organization.accountId, FeatureSet: 'ALL' });
}, 60_000);

it('lists the accounts', async () => {
  const answer = await aws('list-accounts');
  expect(answer.Accounts).toEqual([expect.objectContaining({ Id: organization.accountId, Status: 'ACTIVE', JoinedTimestamp: expect.any(String) })]);
}, 60_000);

it('creates an organizational unit, which the GraphQL edge then lists', async () => {
  const answer = await aws('create-organizational-unit', '--parent-id', organization.rootId, '--name', 'From the CLI');
  expect(answer.OrganizationalUnit).toMatchObject({ Id: expect.stringMatching(/^ou-/), Name: 'From the CLI' });
  const id = (answer.OrganizationalUnit as { Id: string }).Id;
  // Reads are eventually consistent (the CLI sends no x-orgs-min-position): poll the GraphQL edge briefly.
  let name: string | undefined;
  for (let i = 0; i < 50 && !name; i++) {
    const result = await e2e.call<{ describeOrganizationalUnit: { organizationalUnit: { name: string } } }>(
      'query($id: String!) { describeOrganizationalUnit(organizationalUnitId: $id) { organizationalUnit { name } } }',
      organization.key,
      { id },
    );
    name = result.data?.describeOrganizationalUnit.organizationalUnit.name;
    if (!name) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(name).toBe('From the CLI');
}, 60_000);

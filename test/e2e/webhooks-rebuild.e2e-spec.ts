import { spawn } from 'node:child_process';
import path from 'node:path';
import { DIST, eventually } from '@orgs/shared/testing';
import { E2eService } from './support/e2e-service';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * `npm run projections:rebuild -- webhooks` rebuilds the endpoints from the log without sending
 * anything again: the deliveries are an outbox, not a read model copied anew.
 */
const orgs = new E2eService('e2e-webhooks-rebuild-operator');
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
  await orgs.start({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await orgs.stop();
  await receiver.stop();
});

function rebuild(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(DIST, 'apps/worker/src/rebuild-projection.js'), 'webhooks'], { env: { ...process.env, DATABASE_URL: orgs.database.url } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function createOu(org: { key: string; rootId: string }, name: string): Promise<void> {
  await orgs.ok('mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id } } }', org.key, { p: org.rootId, n: name });
}

const deliveries = () => orgs.sql<{ message_id: string; status: string }>('SELECT message_id, status FROM webhook_deliveries ORDER BY seq');

it('a rebuild of the webhooks projection sends nothing again, keeps the endpoints, and what follows is delivered once', async () => {
  const org = await orgs.organization('rebuilt');
  const { createWebhookEndpoint } = await orgs.ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
    'mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } } }',
    org.key,
    { u: receiver.url('/rebuilt') },
  );
  for (let i = 0; i < 5; i++) await createOu(org, `before-${i}`);
  await eventually(async () => receiver.received.length >= 5 && (await deliveries()).every((d) => d.status === 'DELIVERED'), 30_000, 'the first five to be delivered');
  const before = await deliveries();
  const endpointsBefore = await orgs.sql('SELECT id, url, status, encrypted_secret FROM webhook_endpoints ORDER BY id');

  const outcome = await rebuild();
  expect(outcome.code).toBe(0);
  expect(JSON.parse(outcome.stdout.trim().split('\n').pop() as string)).toMatchObject({ projection: 'webhooks' });
  expect(await deliveries()).toEqual(before);
  expect(await orgs.sql('SELECT id, url, status, encrypted_secret FROM webhook_endpoints ORDER BY id')).toEqual(endpointsBefore);

  await createOu(org, 'after');
  await eventually(async () => (await deliveries()).length > before.length && (await deliveries()).every((d) => d.status === 'DELIVERED'), 30_000, 'the events after the rebuild to be delivered');
  // Time for anything the rebuild might have queued again to go out too.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = await deliveries();
  expect(after.slice(0, before.length)).toEqual(before);
  const ids = receiver.received.map((r) => r.id);
  expect(ids).toEqual(after.map((d) => d.message_id));
  expect(ids.every((id) => id.startsWith(`msg_${createWebhookEndpoint.endpoint.id}_`))).toBe(true);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { applyMigrations } from '@orgs/shared/read-models';
import { createLogger, loadConfig, prepareDependencies } from '@orgs/shared/runtime';

/**
 * `npm start`: applies migrations, starts the API and the worker as two processes, then creates a
 * demo tenant and prints its API key. Stops both when stopped, and stops when either dies.
 */
const logger = createLogger('launcher');
const config = loadConfig();
const operatorToken = config.operatorToken ?? randomBytes(24).toString('base64url');
// Access key secrets are stored encrypted with it: set it for keys that survive a restart.
const accessKeySecretsKey = process.env.ACCESS_KEY_SECRETS_KEY || randomBytes(32).toString('hex');
const children: ChildProcess[] = [];

async function main(): Promise<void> {
  await prepareDependencies(config.databaseUrl, config.redisUrl);
  await applyMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const env = { ...process.env, OPERATOR_TOKEN: operatorToken, ACCESS_KEY_SECRETS_KEY: accessKeySecretsKey, WEBHOOK_SECRETS_KEY: webhookSecretsKey() };
  children.push(startChild('api', env), startChild('worker', env));
  await waitForHealth(`http://127.0.0.1:${config.port}/health`, Number(process.env.API_START_TIMEOUT_MS ?? 30_000));
  const demo = await createDemoTenant();
  printDemoTenant(demo, await createDemoAccessKey(demo));
}

/**
 * Webhook signing secrets are stored encrypted under this key. One made up here lives as long as
 * this run: secrets saved under it cannot be read after a restart, so a real installation sets it.
 */
function webhookSecretsKey(): string {
  if (process.env.WEBHOOK_SECRETS_KEY) return process.env.WEBHOOK_SECRETS_KEY;
  logger.warn('WEBHOOK_SECRETS_KEY is not set: using a key for this run only (webhook secrets will not survive a restart)');
  return randomBytes(32).toString('base64');
}

function startChild(app: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(__dirname, '..', '..', app, 'src', 'main.js')], { env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    logger.error({ app, code, signal }, `${app} stopped; stopping everything`);
    shutdown(1);
  });
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The API did not answer ${url} within ${timeoutMs} ms`);
}

interface DemoTenant {
  tenant: { id: string; name: string };
  account: { id: string; email: string };
  apiKey: string;
}

async function createDemoTenant(): Promise<DemoTenant> {
  const response = await fetch(`http://127.0.0.1:${config.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
    body: JSON.stringify({
      query: `mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id name } account { id email } apiKey } }`,
      variables: { name: `Demo ${new Date().toISOString()}` },
    }),
  });
  const body = (await response.json()) as { data?: { createTenant: DemoTenant }; errors?: unknown };
  if (!body.data) throw new Error(`createTenant failed: ${JSON.stringify(body.errors)}`);
  return body.data.createTenant;
}

interface DemoAccessKey {
  accessKey: { accessKeyId: string };
  secretAccessKey: string;
}

/** An ADMIN access key of the demo account, for the AWS CLI and SDKs (the wire API at POST /). */
async function createDemoAccessKey(demo: DemoTenant): Promise<DemoAccessKey> {
  const response = await fetch(`http://127.0.0.1:${config.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.apiKey}` },
    body: JSON.stringify({
      query: `mutation($id: String!) { createAccessKey(input: { accountId: $id, role: ADMIN }) { accessKey { accessKeyId } secretAccessKey } }`,
      variables: { id: demo.account.id },
    }),
  });
  const body = (await response.json()) as { data?: { createAccessKey: DemoAccessKey }; errors?: unknown };
  if (!body.data) throw new Error(`createAccessKey failed: ${JSON.stringify(body.errors)}`);
  return body.data.createAccessKey;
}

function printDemoTenant(demo: DemoTenant, accessKey: DemoAccessKey): void {
  const url = `http://127.0.0.1:${config.port}/graphql`;
  process.stdout.write(
    [
      '',
      'Orgs is running.',
      `  GraphQL:         ${url}  (GraphiQL at http://127.0.0.1:${config.port}/graphiql)`,
      `  Operator token:  ${operatorToken}`,
      `  Demo tenant:     ${demo.tenant.name} (${demo.tenant.id})`,
      `  Demo account:    ${demo.account.id} <${demo.account.email}>`,
      `  Demo API key:    ${demo.apiKey}`,
      `  Demo access key: ${accessKey.accessKey.accessKeyId}`,
      `  Demo secret key: ${accessKey.secretAccessKey}`,
      `  Secrets key:     ACCESS_KEY_SECRETS_KEY=${accessKeySecretsKey}`,
      '',
      'Try:',
      `  curl -s ${url} -H 'content-type: application/json' -H 'authorization: Bearer ${demo.apiKey}' \\`,
      `    -d '{"query":"mutation { createOrganization(input: {featureSet: ALL}) { organization { id arn } } }"}'`,
      `  AWS_ACCESS_KEY_ID=${accessKey.accessKey.accessKeyId} AWS_SECRET_ACCESS_KEY=${accessKey.secretAccessKey} AWS_REGION=us-east-1 \\`,
      `    aws organizations describe-organization --endpoint-url http://127.0.0.1:${config.port}`,
      '',
    ].join('\n'),
  );
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3_000).unref();
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main().catch((error: Error) => {
  logger.fatal(error.message);
  shutdown(1);
});

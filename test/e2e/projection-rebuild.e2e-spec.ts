import { spawn } from 'node:child_process';
import { Client } from 'pg';
import path from 'node:path';
import { DIST } from '@orgs/shared/testing';
import { E2eService } from './support/e2e-service';

/**
 * `npm run projections:rebuild -- read-models` against a running service: the read models are
 * built again from the log into new tables while the old ones keep answering and following the
 * log, then swapped in; afterwards they hold exactly what they held, with their row-level security.
 */
const orgs = new E2eService('e2e-rebuild-operator');

beforeAll(() => orgs.start(), 90_000);
afterAll(() => orgs.stop());

const READ_MODEL_TABLES = ['tenants', 'api_keys', 'accounts', 'organizations', 'roots', 'organizational_units', 'resource_tags', 'handshakes', 'policies', 'policy_attachments'];
const NO_EC2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] });

/** Every row of every read-model table, in a stable order. */
async function readModels(): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of READ_MODEL_TABLES) dump[table] = await orgs.sql(`SELECT * FROM ${table} ORDER BY 1, 2, 3`);
  return dump;
}

async function tableOids(): Promise<Record<string, string>> {
  const rows = await orgs.sql<{ relname: string; oid: string }>(`SELECT relname, oid::text FROM pg_class WHERE relname = ANY($1) AND relnamespace = 'public'::regnamespace`, [READ_MODEL_TABLES]);
  return Object.fromEntries(rows.map((r) => [r.relname, r.oid]));
}

/** Rows of a table that the API's role sees, for a tenant or none. */
async function countAsApp(table: string, tenantId?: string): Promise<number> {
  const client = new Client({ connectionString: orgs.database.url });
  await client.connect();
  try {
    await client.query('SET ROLE orgs_app');
    if (tenantId) await client.query(`SELECT set_config('app.tenant_id', $1, false)`, [tenantId]);
    return (await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  } finally {
    await client.end();
  }
}

function rebuild(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(DIST, 'apps/worker/src/rebuild-projection.js'), 'read-models'], {
    env: { ...process.env, DATABASE_URL: orgs.database.url },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function buildHistory(key: string, rootId: string): Promise<string> {
  let token = '';
  for (let i = 0; i < 20; i++) {
    const { createOrganizationalUnit } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string }; consistencyToken: string } }>(
      'mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n, tags: [{ key: "n", value: $n }] }) { organizationalUnit { id } consistencyToken } }',
      key,
      { p: rootId, n: `ou-${i}` },
    );
    token = createOrganizationalUnit.consistencyToken;
  }
  const { createPolicy } = await orgs.ok<{ createPolicy: { policy: { policySummary: { id: string } } } }>(
    'mutation($c: String!) { createPolicy(input: { name: "NoEc2", description: "", type: SERVICE_CONTROL_POLICY, content: $c }) { policy { policySummary { id } } } }',
    key,
    { c: NO_EC2 },
  );
  const { attachPolicy } = await orgs.ok<{ attachPolicy: { consistencyToken: string } }>(
    'mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }',
    key,
    { p: createPolicy.policy.policySummary.id, t: rootId },
  );
  return attachPolicy.consistencyToken || token;
}

it('rebuilds the read models while they keep serving, then swaps them in with their security', async () => {
  const org = await orgs.organization('rebuild');
  const token = await buildHistory(org.key, org.rootId);
  await orgs.ok('query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }', org.key, { t: token });
  const before = await readModels();
  const oids = await tableOids();

  // Readers never fail while the rebuild runs and swaps.
  let reading = true;
  const failures: unknown[] = [];
  const reads = (async () => {
    while (reading) {
      const result = await orgs.call('{ listOrganizationalUnitsForParent(parentId: "' + org.rootId + '", maxResults: 20) { organizationalUnits { id } } }', org.key);
      if (result.errors) failures.push(result.errors);
    }
  })();
  const outcome = await rebuild();
  reading = false;
  await reads;

  expect(outcome.stderr).toMatch(/events\/s/);
  expect(outcome.code).toBe(0);
  const figures = JSON.parse(outcome.stdout.trim().split('\n').pop() as string);
  expect(figures).toMatchObject({ projection: 'read-models', events: expect.any(Number), rebuild_events_per_s: expect.any(Number) });
  expect(figures.events).toBeGreaterThan(40);
  expect(failures).toEqual([]);
  expect(await readModels()).toEqual(before);
  const swapped = await tableOids();
  for (const table of READ_MODEL_TABLES) expect(swapped[table]).not.toBe(oids[table]); // new tables, not the old ones

  const policies = await orgs.sql<{ tablename: string }>(`SELECT tablename FROM pg_policies WHERE schemaname = 'public' AND tablename = ANY($1)`, [READ_MODEL_TABLES]);
  expect(policies.map((p) => p.tablename).sort()).toEqual([...READ_MODEL_TABLES].sort());
  const schemas = await orgs.sql(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild_%' OR nspname LIKE 'retired_%'`);
  expect(schemas).toEqual([]);

  // The live projection goes on from the rebuild's checkpoint, into the new tables.
  const { createOrganizationalUnit } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string }; consistencyToken: string } }>(
    'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "after" }) { organizationalUnit { id } consistencyToken } }',
    org.key,
    { p: org.rootId },
  );
  // Looked up by id: the parent now has 21 OUs, more than one page of listOrganizationalUnitsForParent.
  const { describeOrganizationalUnit } = await orgs.ok<{ describeOrganizationalUnit: { organizationalUnit: { name: string } } }>(
    'query($id: String!, $t: String) { describeOrganizationalUnit(organizationalUnitId: $id, consistencyToken: $t) { organizationalUnit { name } } }',
    org.key,
    { id: createOrganizationalUnit.organizationalUnit.id, t: createOrganizationalUnit.consistencyToken },
  );
  expect(describeOrganizationalUnit.organizationalUnit.name).toBe('after');

  // Row-level security came across with the tables: the API's role sees no row without its tenant.
  expect(await countAsApp('organizational_units')).toBe(0);
  expect(await countAsApp('organizational_units', org.tenantId)).toBe(21);
}, 180_000);

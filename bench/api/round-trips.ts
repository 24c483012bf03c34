/**
 * Evidence for where read time goes: what one PostgreSQL round trip costs from Node on this
 * machine, and what the database itself spends on the list and tree statements (EXPLAIN ANALYZE,
 * run as the API runs them: role orgs_app, tenant set, row-level security on).
 */
import pg from 'pg';
import { percentile } from './load';
import type { BigOrganization } from './big-organization';

export interface StatementCost {
  label: string;
  executionMs: number;
  plan: string;
}

/** Median of `SELECT 1` round trips on one open connection. */
export async function pgRoundTripMs(url: string, samples = 300): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const began = performance.now();
      await client.query('SELECT 1');
      times.push(performance.now() - began);
    }
    return percentile(Float64Array.from(times).sort(), 50);
  } finally {
    await client.end();
  }
}

/** Node types of a plan, outermost first, e.g. "Limit > Sort > Bitmap Heap Scan > Bitmap Index Scan". */
function planShape(node: { 'Node Type': string; Plans?: unknown[] }): string {
  const child = node.Plans?.[0] as typeof node | undefined;
  return child ? `${node['Node Type']} > ${planShape(child)}` : node['Node Type'];
}

async function explain(client: pg.Client, label: string, sql: string, params: unknown[]): Promise<StatementCost> {
  const runs: number[] = [];
  let plan = '';
  for (let i = 0; i < 5; i++) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    const [result] = rows[0]['QUERY PLAN'];
    runs.push(result['Execution Time']);
    plan = planShape(result.Plan);
  }
  return { label, executionMs: percentile(Float64Array.from(runs).sort(), 50), plan };
}

/** The statements behind listAccountsForParent (first and last page of the root) and one level of the tree query. */
export async function explainReads(url: string, big: BigOrganization, rootAccounts: number): Promise<StatementCost[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL ROLE orgs_app');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [big.tenantId]);
    const list = `SELECT id, arn, email, name, status, state, path, joined_method, joined_timestamp FROM accounts
                   WHERE tenant_id = $1 AND organization_id = $2 AND parent_id = $3 ORDER BY id LIMIT 21 OFFSET $4`;
    const params = (offset: number) => [big.tenantId, big.organizationId, big.rootId, offset];
    const lastOffset = Math.floor(rootAccounts / 20) * 20;
    const deepest = big.organizationalUnits
      .filter((ou) => ou.depth === Math.max(...big.organizationalUnits.map((o) => o.depth)))
      .map((ou) => ou.id);
    const children = `SELECT * FROM (SELECT c.id, c.arn, c.name, c.email, c.path, c.parent_id, row_number() OVER (PARTITION BY c.parent_id ORDER BY c.id) AS n
                        FROM accounts c WHERE c.tenant_id = $1 AND c.parent_id = ANY($2)) page WHERE page.n <= 1001 ORDER BY page.parent_id, page.id`;
    const costs = [
      await explain(client, 'listAccountsForParent page 1 (OFFSET 0)', list, params(0)),
      await explain(client, `listAccountsForParent last page (OFFSET ${lastOffset})`, list, params(lastOffset)),
      await explain(client, `tree: accounts of the ${deepest.length} deepest OUs`, children, [big.tenantId, deepest]),
    ];
    await client.query('ROLLBACK');
    return costs;
  } finally {
    await client.end();
  }
}

import { escapeIdentifier, type PoolClient } from 'pg';

/** The checkpoints table is copied too: the rebuild keeps its own while it runs. */
export const CHECKPOINTS_TABLE = 'projection_checkpoints';

/** A schema of empty copies (columns, defaults, constraints, indexes) of the projection's tables. */
export async function createShadowTables(client: PoolClient, schema: string, tables: readonly string[]): Promise<void> {
  await client.query(`CREATE SCHEMA ${escapeIdentifier(schema)}`);
  for (const table of [...tables, CHECKPOINTS_TABLE]) {
    await client.query(`CREATE TABLE ${qualified(schema, table)} (LIKE ${qualified('public', table)} INCLUDING ALL)`);
  }
}

export const qualified = (schema: string, table: string) => `${escapeIdentifier(schema)}.${escapeIdentifier(table)}`;

interface TableSecurity {
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  policies: string[];
  grants: string[];
}

/**
 * What CREATE TABLE ... LIKE does not copy: row-level security, its policies and the grants, read
 * from the table being replaced and written as statements for its replacement.
 */
export async function securityOf(client: PoolClient, table: string): Promise<TableSecurity> {
  const { rows: [flags] } = await client.query(
    `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = ${literalRegclass(table)}`,
  );
  const { rows: policies } = await client.query(
    `SELECT polname, polcmd, polpermissive, pg_get_expr(polqual, polrelid) AS qual, pg_get_expr(polwithcheck, polrelid) AS check,
            ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE quote_ident(pg_get_userbyid(r)) END FROM unnest(polroles) r) AS roles
       FROM pg_policy WHERE polrelid = ${literalRegclass(table)}`,
  );
  const { rows: grants } = await client.query(
    `SELECT quote_ident(pg_get_userbyid(a.grantee)) AS grantee, a.privilege_type
       FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = ${literalRegclass(table)} AND a.grantee <> c.relowner`,
  );
  return {
    rowSecurity: flags.relrowsecurity,
    forceRowSecurity: flags.relforcerowsecurity,
    policies: policies.map((p) => policyStatement(table, p)),
    grants: grants.map((g) => `GRANT ${g.privilege_type} ON ${qualified('public', table)} TO ${g.grantee}`),
  };
}

export function securityStatements(table: string, security: TableSecurity): string[] {
  const target = qualified('public', table);
  return [
    ...(security.rowSecurity ? [`ALTER TABLE ${target} ENABLE ROW LEVEL SECURITY`] : []),
    ...(security.forceRowSecurity ? [`ALTER TABLE ${target} FORCE ROW LEVEL SECURITY`] : []),
    ...security.policies,
    ...security.grants,
  ];
}

const COMMANDS: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' };

function policyStatement(table: string, p: { polname: string; polcmd: string; polpermissive: boolean; qual: string | null; check: string | null; roles: string[] }): string {
  return [
    `CREATE POLICY ${escapeIdentifier(p.polname)} ON ${qualified('public', table)}`,
    `AS ${p.polpermissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${COMMANDS[p.polcmd]} TO ${p.roles.join(', ')}`,
    p.qual ? `USING (${p.qual})` : '',
    p.check ? `WITH CHECK (${p.check})` : '',
  ].join(' ');
}

const literalRegclass = (table: string) => `'${qualified('public', table).replace(/'/g, "''")}'::regclass`;

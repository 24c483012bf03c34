import { escapeIdentifier, type PoolClient } from 'pg';
import { CHECKPOINTS_TABLE, qualified, securityOf, securityStatements } from './shadow-tables';

/**
 * Puts the rebuilt tables in place of the live ones, in the caller's transaction (which holds the
 * live projection's lock): the old tables move to a retired schema, the new ones into public with
 * the old ones' security, and the live checkpoint takes the rebuild's. Readers wait for the locks,
 * then see either all the old tables or all the new.
 */
export async function swapInShadowTables(client: PoolClient, options: { shadow: string; retired: string; tables: readonly string[]; projection: string; rebuildName: string }): Promise<void> {
  const { shadow, retired, tables, projection, rebuildName } = options;
  await client.query(`LOCK TABLE ${tables.map((t) => qualified('public', t)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
  const security = new Map<string, Awaited<ReturnType<typeof securityOf>>>();
  for (const table of tables) security.set(table, await securityOf(client, table));
  await client.query(`CREATE SCHEMA ${escapeIdentifier(retired)}`);
  for (const table of tables) {
    await client.query(`ALTER TABLE ${qualified('public', table)} SET SCHEMA ${escapeIdentifier(retired)}`);
    await client.query(`ALTER TABLE ${qualified(shadow, table)} SET SCHEMA public`);
    for (const statement of securityStatements(table, security.get(table)!)) await client.query(statement);
  }
  const { rowCount } = await client.query(
    `INSERT INTO ${qualified('public', CHECKPOINTS_TABLE)} (name, last_transaction_id, last_position, last_event_recorded_at, updated_at)
     SELECT $1, last_transaction_id, last_position, last_event_recorded_at, now() FROM ${qualified(shadow, CHECKPOINTS_TABLE)} WHERE name = $2
     ON CONFLICT (name) DO UPDATE SET last_transaction_id = EXCLUDED.last_transaction_id, last_position = EXCLUDED.last_position,
       last_event_recorded_at = EXCLUDED.last_event_recorded_at, updated_at = now()`,
    [projection, rebuildName],
  );
  if (rowCount !== 1) throw new Error(`The rebuild of ${projection} has no checkpoint to hand over`);
}

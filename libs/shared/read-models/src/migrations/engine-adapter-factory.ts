import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { quoteIdentifier, withDatabaseName } from './database-url';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PrismaPgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/**
 * The `@prisma/adapter-pg` factory the WASM schema engine talks to, with three fixes for migrations:
 * whole scripts, catalog queries that return `"char"` columns, and shadow databases that are really dropped.
 * Every pool it opens is closed by `close()`, which the caller must await (the engine never disposes them).
 */
export class SchemaEngineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly pools: pg.Pool[] = [];
  private readonly shadowDatabases: string[] = [];

  constructor(private readonly databaseUrl: string) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.adapterFor(this.databaseUrl);
  }

  /** Used by `diff` from the migrations: they are replayed on a temporary database on the same server. */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
    await this.runOnce(`CREATE DATABASE ${quoteIdentifier(name)}`);
    this.shadowDatabases.push(name);
    return this.adapterFor(withDatabaseName(this.databaseUrl, name));
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.pools.splice(0).map((pool) => pool.end()));
    // WITH (FORCE): nothing of ours is connected any more, and a leftover shadow database helps no one.
    for (const name of this.shadowDatabases.splice(0)) {
      await this.runOnce(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    }
  }

  private async adapterFor(url: string): Promise<SqlDriverAdapter> {
    // One connection, like the native engine: its `pg_advisory_lock(72707369)` then covers the whole run.
    const pool = reportCharColumnsAsText(new pg.Pool({ connectionString: url, max: 1 }));
    this.pools.push(pool);
    const adapter = await new PrismaPg(pool).connect();
    adapter.executeScript = (script) => executeWholeScript(pool, adapter, script);
    return adapter;
  }

  private async runOnce(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

/**
 * adapter-pg's `executeScript` splits the script on every `;`, which breaks `$$ ... $$` function bodies and
 * runs each statement in its own transaction. Sent as one simple query, as the native engine does, a
 * migration script runs whole, in one implicit transaction.
 */
async function executeWholeScript(pool: pg.Pool, adapter: PrismaPgAdapter, script: string): Promise<void> {
  try {
    await pool.query(script);
  } catch (error) {
    // Turns the pg error into the DriverAdapterError the engine understands (code, message, detail).
    adapter['onError'](error);
  }
}

/**
 * adapter-pg 7.10 has no column type for Postgres' one-byte `"char"` (OID 18) and rejects any result
 * holding one, yet the engine's catalog queries select such columns (`pg_constraint.contype`...).
 * The values arrive as strings anyway, so relabelling the column as text is all it takes.
 */
function reportCharColumnsAsText(pool: pg.Pool): pg.Pool {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const relabelled = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  return Object.assign(pool, { query: relabelled });
}

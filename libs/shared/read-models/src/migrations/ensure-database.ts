import pg from 'pg';
import { databaseNameOf, quoteIdentifier, withDatabaseName } from './database-url';

const DUPLICATE_DATABASE = '42P04';

/**
 * Creates the database `url` names if it does not exist, connecting to the server's `postgres`
 * database to do so. Returns whether it was created. Two callers racing are both fine.
 */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  const client = new pg.Client({ connectionString: withDatabaseName(url, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === DUPLICATE_DATABASE) return false;
    throw error;
  } finally {
    await client.end();
  }
}

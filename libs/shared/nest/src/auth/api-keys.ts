import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Principal, PrincipalRole } from './principal';

const KEY_PREFIX = 'orgs_';

export interface IssuedApiKey {
  apiKeyId: string;
  /** Shown once to the caller; only its hash is stored. */
  secret: string;
  hash: string;
}

export function issueApiKey(): IssuedApiKey {
  const apiKeyId = `key-${randomUUID()}`;
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { apiKeyId, secret, hash: hashApiKey(secret) };
}

/** Keys are long random strings, so an unsalted SHA-256 is enough and allows lookup by hash. */
export const hashApiKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

export type KeyPrincipal = Omit<Principal, 'requestId' | 'sourceAddress'>;

export async function findPrincipal(pool: Pool, secret: string): Promise<KeyPrincipal | null> {
  if (!secret.startsWith(KEY_PREFIX)) return null;
  const { rows } = await pool.query(`SELECT * FROM orgs_find_api_key($1)`, [hashApiKey(secret)]);
  const row = rows[0];
  if (!row) return null;
  return { tenantId: row.tenant_id, accountId: row.account_id, role: row.role as PrincipalRole, apiKeyId: row.id };
}

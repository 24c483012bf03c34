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

export const isApiKeyShaped = (secret: string) => secret.startsWith(KEY_PREFIX);

/** The principal of a key that is not revoked, by the key's hash; see ApiKeyPrincipals for the cached way. */
export async function findPrincipal(pool: Pool, keyHash: string): Promise<KeyPrincipal | null> {
  const { rows } = await pool.query({ name: 'orgs_find_api_key', text: `SELECT * FROM orgs_find_api_key($1)`, values: [keyHash] });
  const row = rows[0];
  if (!row) return null;
  return { tenantId: row.tenant_id, accountId: row.account_id, role: row.role as PrincipalRole, apiKeyId: row.id };
}

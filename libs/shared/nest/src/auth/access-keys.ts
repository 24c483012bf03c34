import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { PrincipalRole } from './principal';

/** AWS-style access keys: `AKIA` and 16 base32 characters, a 40-character secret. */
const ACCESS_KEY_ID = /^AKIA[A-Z2-7]{16}$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const isAccessKeyIdShaped = (accessKeyId: string) => ACCESS_KEY_ID.test(accessKeyId);

export interface IssuedAccessKey {
  accessKeyId: string;
  /** Shown once to the caller; stored only encrypted. */
  secretAccessKey: string;
  secretCiphertext: string;
}

export function issueAccessKey(encryptionKey: Buffer): IssuedAccessKey {
  const accessKeyId = `AKIA${[...randomBytes(16)].map((byte) => BASE32[byte & 31]).join('')}`;
  const secretAccessKey = randomBytes(30).toString('base64');
  return { accessKeyId, secretAccessKey, secretCiphertext: encryptSecret(encryptionKey, accessKeyId, secretAccessKey) };
}

/**
 * The 32-byte AES-256-GCM key of ACCESS_KEY_SECRETS_KEY (64 hex characters or base64); null when
 * unset, and then no access key can be created or verified.
 */
export function accessKeySecretsKey(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const value = env.ACCESS_KEY_SECRETS_KEY;
  if (!value) return null;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error('ACCESS_KEY_SECRETS_KEY must be 32 bytes: 64 hex characters or base64.');
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>`; the access key id is the additional data, so a ciphertext can't be moved to another key. */
export function encryptSecret(key: Buffer, accessKeyId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(accessKeyId));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

export function decryptSecret(key: Buffer, accessKeyId: string, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext) throw new Error(`Access key ${accessKeyId}: unknown secret format`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(accessKeyId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

export interface AccessKeyOwner {
  accessKeyId: string;
  tenantId: string;
  accountId: string;
  role: PrincipalRole;
  secretCiphertext: string;
}

/** An access key that is not deleted, by its id (past row-level security: the tenant is not known yet). */
export async function findAccessKey(pool: Pool, accessKeyId: string): Promise<AccessKeyOwner | null> {
  const { rows } = await pool.query({ name: 'orgs_find_access_key', text: 'SELECT * FROM orgs_find_access_key($1)', values: [accessKeyId] });
  const row = rows[0];
  if (!row) return null;
  return { accessKeyId: row.id, tenantId: row.tenant_id, accountId: row.account_id, role: row.role as PrincipalRole, secretCiphertext: row.secret_ciphertext };
}

import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InvalidatedCache, ReadModelChanges } from '@orgs/shared/projector';
import { PG_POOL } from '../tokens';
import { accessKeySecretsKey, decryptSecret, findAccessKey, isAccessKeyIdShaped } from './access-keys';
import type { KeyPrincipal } from './api-keys';

/** Who an access key is, and its secret (needed to verify a signature). */
export interface AccessKeyPrincipal {
  principal: KeyPrincipal;
  secretAccessKey: string;
}

/**
 * Access keys kept in memory, as API keys are (ApiKeyPrincipals): the projector announces a
 * deletion before it is visible, so a deleted key stops working in this process too.
 */
@Injectable()
export class AccessKeyPrincipals {
  private readonly cache: InvalidatedCache<AccessKeyPrincipal>;
  readonly encryptionKey = accessKeySecretsKey();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    changes: ReadModelChanges,
  ) {
    this.cache = new InvalidatedCache<AccessKeyPrincipal>(changes, { kind: 'access-key', max: 100_000, ttlMs: 10 * 60_000 });
  }

  async find(accessKeyId: string): Promise<AccessKeyPrincipal | null> {
    const encryptionKey = this.encryptionKey;
    if (!encryptionKey || !isAccessKeyIdShaped(accessKeyId)) return null;
    return this.cache.get(accessKeyId, async () => {
      const key = await findAccessKey(this.pool, accessKeyId);
      if (!key) return null;
      const { tenantId, accountId, role } = key;
      return {
        principal: { tenantId, accountId, role, apiKeyId: accessKeyId },
        secretAccessKey: decryptSecret(encryptionKey, accessKeyId, key.secretCiphertext),
      };
    });
  }
}

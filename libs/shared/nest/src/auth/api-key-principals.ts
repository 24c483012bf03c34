import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InvalidatedCache, ReadModelChanges } from '@orgs/shared/projector';
import { PG_POOL } from '../tokens';
import { findPrincipal, hashApiKey, isApiKeyShaped, type KeyPrincipal } from './api-keys';

/**
 * Who each API key is, kept in memory: every request needs it, and it changes only when the key is
 * revoked, which the projector announces before the revocation is visible (so `revokeApiKey`, which
 * answers once it is, never leaves the key working in this process). Unknown keys are not kept.
 */
@Injectable()
export class ApiKeyPrincipals {
  private readonly cache: InvalidatedCache<KeyPrincipal>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    changes: ReadModelChanges,
  ) {
    this.cache = new InvalidatedCache<KeyPrincipal>(changes, {
      kind: 'api-key',
      idOf: (_hash, principal) => principal.apiKeyId,
      max: 100_000,
      ttlMs: 10 * 60_000,
    });
  }

  async find(secret: string): Promise<KeyPrincipal | null> {
    if (!isApiKeyShaped(secret)) return null;
    const hash = hashApiKey(secret);
    return this.cache.get(hash, () => findPrincipal(this.pool, hash));
  }
}

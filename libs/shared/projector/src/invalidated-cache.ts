import { LRUCache } from 'lru-cache';
import type { ReadModelChanges } from './read-model-changes';

export interface InvalidatedCacheOptions<V> {
  /** The kind of change that invalidates entries (`api-key`, `tenant-quotas`). */
  kind: string;
  /** The id a change announces for this entry; the key itself by default. */
  idOf?: (key: string, value: V) => string;
  max: number;
  /** A bound on staleness should an announcement ever be lost. */
  ttlMs: number;
}

/**
 * Read-model facts kept in memory until the projector announces that they changed (see
 * ReadModelChanges). A load that overlaps an announcement is returned but not kept: it may have
 * read the row just before the change committed.
 */
export class InvalidatedCache<V extends object> {
  private readonly entries: LRUCache<string, V>;
  private readonly keyOfId = new Map<string, string>();
  private readonly idOf: (key: string, value: V) => string;
  private generation = 0;

  constructor(changes: ReadModelChanges, options: InvalidatedCacheOptions<V>) {
    this.idOf = options.idOf ?? ((key) => key);
    this.entries = new LRUCache<string, V>({
      max: options.max,
      ttl: options.ttlMs,
      dispose: (value, key) => this.keyOfId.delete(this.idOf(key, value)),
    });
    changes.subscribe(options.kind, (id) => this.invalidate(id));
  }

  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const generation = this.generation;
    const value = await load();
    if (value && generation === this.generation) {
      this.entries.set(key, value);
      this.keyOfId.set(this.idOf(key, value), key);
    }
    return value;
  }

  /** null: everything. */
  invalidate(id: string | null): void {
    this.generation++;
    if (id === null) return this.entries.clear();
    const key = this.keyOfId.get(id);
    if (key !== undefined) this.entries.delete(key);
  }
}

import { escapeIdentifier, type Pool, type PoolClient } from 'pg';
import { createPool, EventStore, PROJECTOR_APPLICATION_NAME } from '@orgs/shared/event-store';
import type { EventSchemas } from '@orgs/shared/kernel';
import { createPrismaClient } from '@orgs/shared/read-models';
import type { Projection } from '../projection';
import { Projector } from '../projector';
import { createShadowTables } from './shadow-tables';
import { swapInShadowTables } from './swap';
import { ReadAhead } from './read-ahead';

export interface RebuildProgress {
  applied: number;
  /** Positions between the log's start and its end when the rebuild began (an estimate of the events). */
  total: number;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

export interface RebuildOutcome {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** How long readers and the live projection waited while the tables were swapped. */
  swapMs: number;
}

export interface RebuildOptions {
  databaseUrl: string;
  projection: Projection;
  schemas: EventSchemas;
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Builds a projection again from the whole log into new tables while the live ones keep serving
 * reads and following the log, then swaps them in atomically: the live projection is paused (its
 * lock taken) only for the final catch-up and the swap.
 */
export async function rebuildProjection(options: RebuildOptions): Promise<RebuildOutcome> {
  const { databaseUrl, projection } = options;
  const stamp = Date.now().toString(36);
  const shadow = `rebuild_${stamp}`;
  // Named like the projector's connections: it never appends, so followers of the log need not wait for it.
  const admin = createPool(databaseUrl, { max: 1, applicationName: PROJECTOR_APPLICATION_NAME });
  const client = await admin.connect();
  const run = new RebuildRun(options, shadow);
  try {
    await createShadowTables(client, shadow, projection.tables);
    const started = performance.now();
    await run.catchUp();
    const swapStarted = performance.now();
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`projection:${projection.name}`]);
    await run.catchUp();
    await swapInShadowTables(client, { shadow, retired: `retired_${stamp}`, tables: projection.tables, projection: projection.name, rebuildName: run.name });
    await client.query('COMMIT');
    const swapMs = performance.now() - swapStarted;
    const seconds = (performance.now() - started) / 1000;
    return { events: run.applied, seconds, eventsPerSecond: run.applied / seconds, swapMs };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await dropSchemas(client, shadow, `retired_${stamp}`);
    client.release();
    await run.close();
    await admin.end();
  }
}

/** The rebuild's own projector, writing into the shadow schema under a checkpoint of its own. */
class RebuildRun {
  readonly name: string;
  applied = 0;
  private readonly pool: Pool;
  private readonly prisma;
  private readonly projector: Projector;
  private readonly projection: Projection;
  private total?: number;
  private readonly startedAt = performance.now();

  constructor(private readonly options: RebuildOptions, shadow: string) {
    this.name = `${options.projection.name}@rebuild`;
    this.projection = { ...options.projection, name: this.name };
    const settings = { schema: shadow, applicationName: PROJECTOR_APPLICATION_NAME, asynchronousCommit: true };
    this.pool = createPool(options.databaseUrl, { max: 3, ...settings });
    this.prisma = createPrismaClient(options.databaseUrl, { max: 2, schema: shadow, applicationName: PROJECTOR_APPLICATION_NAME });
    this.projector = new Projector(this.pool, new ReadAhead(new EventStore(this.pool, undefined, options.schemas)), this.prisma);
  }

  /** Applies the log until a batch comes back short. */
  async catchUp(): Promise<void> {
    this.total ??= await lastPosition(this.pool);
    for (;;) {
      const outcome = await this.projector.runBatch(this.projection, this.options.batchSize ?? 5_000);
      if (outcome.busy) throw new Error(`Another process is rebuilding ${this.options.projection.name}`);
      this.applied += outcome.applied;
      this.report();
      if (!outcome.more) return;
    }
  }

  private report(): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const eventsPerSecond = seconds > 0 ? this.applied / seconds : 0;
    const total = Math.max(this.total ?? 0, this.applied);
    const etaSeconds = eventsPerSecond > 0 ? (total - this.applied) / eventsPerSecond : null;
    this.options.onProgress?.({ applied: this.applied, total, eventsPerSecond, etaSeconds });
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end();
  }
}

async function lastPosition(pool: Pool): Promise<number> {
  const { rows } = await pool.query('SELECT log_position::text AS p FROM orgs_consistency() LIMIT 1');
  return Number(rows[0]?.p ?? 0);
}

async function dropSchemas(client: PoolClient, ...schemas: string[]): Promise<void> {
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`).catch(() => undefined);
}

import { Gauge, Histogram, register, type Registry } from 'prom-client';
import type { Pool } from 'pg';
import { readAllCheckpoints } from './checkpoints';

/**
 * Projection lag as Prometheus metrics: how far each projection is behind the log, in positions
 * and in seconds. Both the API and the worker expose them; the figures are read on each scrape.
 */
export function registerLagMetrics(pool: Pool, registry: Registry = register): void {
  const lastPosition = new Gauge({ name: 'orgs_log_last_position', help: 'Last position appended to the event log', registers: [] });
  const position = new Gauge({ name: 'orgs_projection_position', help: 'Last log position applied by the projection', labelNames: ['projection'], registers: [] });
  // Collected first, so the two gauges above hold fresh figures when they are serialized after it.
  new Gauge({
    name: 'orgs_projection_lag_positions',
    help: 'Log positions appended but not yet projected',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      const { rows } = await pool.query(`SELECT coalesce(max(position), 0)::text AS p FROM events`);
      const last = BigInt(rows[0].p);
      lastPosition.set(Number(last));
      for (const [name, checkpoint] of await readAllCheckpoints(pool)) {
        position.set({ projection: name }, Number(checkpoint.position));
        this.set({ projection: name }, Math.max(0, Number(last - checkpoint.position)));
      }
    },
  });
  registry.registerMetric(lastPosition);
  registry.registerMetric(position);
}

/** Time from an event's append to its projection, observed by the worker for each batch. */
export const projectionDelay = new Histogram({
  name: 'orgs_projection_delay_seconds',
  help: 'Seconds between an event being appended and being projected (last event of each batch)',
  labelNames: ['projection'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const projectedEvents = new Gauge({
  name: 'orgs_projection_events_applied',
  help: 'Events applied by this worker process since it started',
  labelNames: ['projection'],
});

import { Gauge, Histogram, register, type Registry } from 'prom-client';
import type { Pool } from 'pg';
import { readConsistency, type Consistency, type ProjectionLag } from './consistency';

/**
 * Projection lag as Prometheus metrics: how far each projection is behind the log, in positions
 * and in milliseconds. Both the API and the worker expose them; the figures are read on each
 * scrape, once for all four gauges (prom-client collects them side by side).
 */
export function registerLagMetrics(pool: Pool, registry: Registry = register): void {
  let reading: { at: number; figures: Promise<Consistency> } | undefined;
  const figures = () => {
    if (!reading || Date.now() - reading.at > 250) reading = { at: Date.now(), figures: readConsistency(pool) };
    return reading.figures;
  };
  const perProjection = (name: string, help: string, value: (p: ProjectionLag) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        for (const projection of (await figures()).projections) this.set({ projection: projection.name }, value(projection));
      },
    });
  new Gauge({
    name: 'orgs_log_last_position',
    help: 'Last position appended to the event log',
    registers: [registry],
    async collect() {
      this.set(Number((await figures()).lastPosition));
    },
  });
  perProjection('orgs_projection_position', 'Last log position applied by the projection', (p) => Number(p.position));
  perProjection('orgs_projection_lag_positions', 'Events appended but not yet projected (after the checkpoint in the log order)', (p) => p.lagEvents);
  perProjection('orgs_projection_lag_milliseconds', 'How long the oldest event a projection has not applied has waited', (p) => p.lagMs);
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

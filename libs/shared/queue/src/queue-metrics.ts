import type { Queue } from 'bullmq';
import { Gauge, register, type Registry } from 'prom-client';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/** BullMQ's queue depths by state, read from Redis on each scrape. */
export function registerQueueMetrics(queues: () => Queue[], registry: Registry = register): void {
  new Gauge({
    name: 'orgs_queue_jobs',
    help: 'Jobs in each BullMQ queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const queue of queues()) {
        const counts = await queue.getJobCounts(...STATES);
        for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
}

/**
 * What every phase works with: the running service, a client, a pool on the scratch database (for
 * seeding), the organizations made at set-up, and the phase runner that meters them.
 */
import type { Pool } from 'pg';
import { createPool } from '@orgs/shared/event-store';
import { applyMigrations } from '@orgs/shared/read-models';
import { ADMIN_URL, CLIENTS, ORGANIZATIONS, SETUP_CONCURRENCY } from './config';
import { CpuMeter } from './cpu';
import { GraphqlClient } from './http-client';
import { inParallel, type LoadRun } from './load';
import { createTenantWithOrganization, type BenchOrganization } from './organizations';
import { PhaseRunner } from './phase-runner';
import type { Scratch } from './scratch';
import { Service } from './service';

export const log = (message: string) => console.error(message);
/** Requests a load run sent, warm-up included: what its CPU time is divided by. */
export const sent = (run: LoadRun) => run.sent;

export interface Fixture {
  service: Service;
  client: GraphqlClient;
  pool: Pool;
  scratch: Scratch;
  phases: PhaseRunner;
  organizations: BenchOrganization[];
  long: BenchOrganization;
  fresh: BenchOrganization;
  big: BenchOrganization;
}

export async function setUp(scratch: Scratch): Promise<Fixture> {
  log(`[setup] database ${scratch.databaseName}: migrations, then API and worker`);
  await applyMigrations(scratch.databaseUrl);
  const service = await Service.start(scratch);
  const client = new GraphqlClient(service.apiPort, CLIENTS * 2);
  const labels = [...Array.from({ length: ORGANIZATIONS }, (_, i) => `org-${i}`), 'long-stream', 'new', 'big'];
  log(`[setup] ${labels.length} tenants, each with an organization, through the API`);
  const all = await inParallel(labels, SETUP_CONCURRENCY, (label) =>
    createTenantWithOrganization(client, service.operatorToken, label),
  );
  const [long, fresh, big] = all.slice(ORGANIZATIONS);
  const phases = new PhaseRunner(service, new CpuMeter(ADMIN_URL, scratch.databaseName, () => service.pids));
  return {
    service,
    client,
    pool: createPool(scratch.databaseUrl, { max: 4 }),
    scratch,
    phases,
    organizations: all.slice(0, ORGANIZATIONS),
    long,
    fresh,
    big,
  };
}

export async function tearDown(f: Fixture): Promise<void> {
  f.client.close();
  await f.pool.end();
  await f.service.stop();
}

/**
 * CPU time spent per phase by each party: the API, the worker, the PostgreSQL backends of the
 * scratch database and this load generator. On a shared machine wall-clock figures move with
 * whatever else runs; CPU milliseconds per request do not, and they tell what costs what (and what
 * the machine could do if it were ours alone).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { withClient } from './scratch';

export interface CpuUse {
  apiMs: number;
  workerMs: number;
  postgresMs: number;
  /** Part of postgresMs spent by backends serving the API's connections (the rest: the worker's). */
  postgresForApiMs: number;
  benchMs: number;
  wallMs: number;
}

interface Snapshot {
  at: number;
  byPid: Map<number, number>;
  /** Backends whose client socket belongs to the API process. */
  apiBackends: Set<number>;
  bench: number;
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process in ms, or undefined once it is gone (Linux /proc). */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** Local TCP ports of the sockets a process holds open (Linux /proc: fd links to socket inodes, /proc/net/tcp maps inodes to ports). */
function localPortsOf(pid: number): Set<number> {
  const ports = new Set<number>();
  try {
    const inodes = new Set<string>();
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const target = readlinkSafe(`/proc/${pid}/fd/${fd}`);
      const inode = target && /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    }
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        if (fields.length > 9 && inodes.has(fields[9])) ports.add(parseInt(fields[1].split(':').pop() as string, 16));
      }
    }
  } catch {
    // the process is gone: no ports
  }
  return ports;
}

function readlinkSafe(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

export class CpuMeter {
  constructor(
    private readonly adminUrl: string,
    private readonly databaseName: string,
    private readonly pids: () => { api?: number; worker?: number },
  ) {}

  /** Runs `work` and returns its result with the CPU each party spent meanwhile. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
    const before = await this.snapshot();
    const result = await work();
    const after = await this.snapshot();
    return { result, cpu: this.difference(before, after) };
  }

  private async backends(): Promise<{ pid: number; port: number | null }[]> {
    return withClient(
      this.adminUrl,
      async (c) =>
        (await c.query('SELECT pid, client_port AS port FROM pg_stat_activity WHERE datname = $1', [this.databaseName]))
          .rows,
    );
  }

  private async snapshot(): Promise<Snapshot> {
    const { api, worker } = this.pids();
    const backends = await this.backends();
    const apiPorts = api === undefined ? new Set<number>() : localPortsOf(api);
    const apiBackends = new Set(backends.filter((b) => b.port !== null && apiPorts.has(b.port)).map((b) => b.pid));
    const byPid = new Map<number, number>();
    for (const pid of [api, worker, ...backends.map((b) => b.pid)]) {
      const ms = pid === undefined ? undefined : processCpuMs(pid);
      if (pid !== undefined && ms !== undefined) byPid.set(pid, ms);
    }
    const usage = process.cpuUsage();
    return { at: performance.now(), byPid, apiBackends, bench: (usage.user + usage.system) / 1000 };
  }

  /** A backend that appeared during the phase counts from zero; one that ended during it is lost (pools keep theirs open). */
  private difference(before: Snapshot, after: Snapshot): CpuUse {
    const { api, worker } = this.pids();
    const spent = (pid: number) => (after.byPid.get(pid) ?? 0) - (before.byPid.get(pid) ?? 0);
    let postgresMs = 0;
    let postgresForApiMs = 0;
    for (const pid of after.byPid.keys()) {
      if (pid === api || pid === worker) continue;
      postgresMs += spent(pid);
      if (after.apiBackends.has(pid) || before.apiBackends.has(pid)) postgresForApiMs += spent(pid);
    }
    return {
      apiMs: api === undefined ? 0 : spent(api),
      workerMs: worker === undefined ? 0 : spent(worker),
      postgresMs,
      postgresForApiMs,
      benchMs: after.bench - before.bench,
      wallMs: after.at - before.at,
    };
  }
}

/** CPU ms per request of each party. */
export function perRequest(cpu: CpuUse, requests: number) {
  const per = (ms: number) => (requests > 0 ? ms / requests : Number.NaN);
  return {
    api: per(cpu.apiMs),
    worker: per(cpu.workerMs),
    postgres: per(cpu.postgresMs),
    postgresForApi: per(cpu.postgresForApiMs),
    bench: per(cpu.benchMs),
  };
}

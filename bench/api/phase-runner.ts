/**
 * Every measured phase runs through here: the CPU each party spent on it is recorded with the
 * number of requests it made and the machine's load when it began (other work on a shared machine
 * moves wall-clock figures), and the API is CPU-profiled during it when asked to.
 */
import os from 'node:os';
import type { CpuMeter, CpuUse } from './cpu';
import { profiled } from './profiling';
import type { Service } from './service';

export interface PhaseCost {
  phase: string;
  requests: number;
  cpu: CpuUse;
  /** 1-minute load average when the phase began (2 means both cores busy). */
  load1: number;
}

export class PhaseRunner {
  readonly costs: PhaseCost[] = [];

  constructor(
    private readonly service: Service,
    private readonly meter: CpuMeter,
  ) {}

  async run<T>(phase: string, work: () => Promise<T>, requestsOf: (result: T) => number): Promise<T> {
    const load1 = os.loadavg()[0];
    const { result, cpu } = await this.meter.measure(() => profiled(this.service, phase, work));
    this.costs.push({ phase, requests: requestsOf(result), cpu, load1 });
    return result;
  }
}

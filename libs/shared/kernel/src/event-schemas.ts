/**
 * Events are kept forever, so their payloads change shape by version, never in place: each
 * event is stored with the version of its payload's schema, and read in the current shape by
 * running the upcasters from its version on. A capability declares one upcaster per step.
 */
export interface EventUpcaster {
  readonly type: string;
  /** Turns a payload of this version into one of the next. */
  readonly fromVersion: number;
  upcast(data: unknown, recorded: { recordedAt: Date }): unknown;
}

export class EventSchemas {
  private readonly steps = new Map<string, EventUpcaster[]>();

  constructor(upcasters: readonly EventUpcaster[] = []) {
    for (const upcaster of upcasters) {
      this.steps.set(upcaster.type, [...(this.steps.get(upcaster.type) ?? []), upcaster]);
    }
    for (const [type, chain] of this.steps) {
      chain.sort((a, b) => a.fromVersion - b.fromVersion);
      chain.forEach((step, i) => {
        if (step.fromVersion !== i + 1) throw new Error(`Upcasters of ${type} must go 1 -> 2 -> ... without gaps`);
      });
    }
  }

  /** The version new events of this type are written with. */
  currentVersion(type: string): number {
    return (this.steps.get(type)?.length ?? 0) + 1;
  }

  /** The payload in the current shape. */
  upcast(type: string, version: number, data: unknown, recorded: { recordedAt: Date }): unknown {
    let current = data;
    for (const step of this.steps.get(type)?.slice(version - 1) ?? []) current = step.upcast(current, recorded);
    return current;
  }
}

export const NO_UPCASTERS = new EventSchemas();

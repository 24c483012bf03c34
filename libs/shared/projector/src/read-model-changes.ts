/**
 * The channel on which the projector announces what it changed that readers may cache (API keys,
 * tenant quotas). Sent inside the batch's transaction: Postgres delivers it at commit, before the
 * notification that the batch is projected, so a listener on both channels of one connection drops
 * a stale entry before any reader waiting for that batch is woken.
 */
export const READ_MODELS_CHANGED_CHANNEL = 'orgs_read_models_changed';

/** NOTIFY payloads stop at 8000 bytes. */
const MAX_PAYLOAD = 7_900;

/** The payloads announcing `keys`, space-separated, each under Postgres's limit. */
export function changePayloads(keys: string[]): string[] {
  const payloads: string[] = [];
  let current = '';
  for (const key of new Set(keys)) {
    if (current && current.length + key.length + 1 > MAX_PAYLOAD) {
      payloads.push(current);
      current = '';
    }
    current = current ? `${current} ${key}` : key;
  }
  if (current) payloads.push(current);
  return payloads;
}

export const changedKeysOf = (payload: string): string[] => payload.split(' ').filter(Boolean);

/** `id` is null when anything of the kind may have changed (the listener reconnected). */
export type ChangeListener = (id: string | null) => void;

/**
 * Routes the projector's change announcements (READ_MODELS_CHANGED_CHANNEL, `<kind>:<id>` keys) to
 * the in-memory caches of this process, which subscribe by kind.
 */
export class ReadModelChanges {
  private readonly listeners = new Map<string, ChangeListener[]>();

  subscribe(kind: string, listener: ChangeListener): void {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), listener]);
  }

  /** One notification's payload; an empty one means some may have been missed. */
  received(payload: string): void {
    if (!payload) {
      for (const listeners of this.listeners.values()) listeners.forEach((listener) => listener(null));
      return;
    }
    for (const key of changedKeysOf(payload)) {
      const colon = key.indexOf(':');
      if (colon > 0) this.announce(key.slice(0, colon), key.slice(colon + 1));
    }
  }

  /** Also called directly by a writer of this process that must not wait for the notification. */
  announce(kind: string, id: string): void {
    for (const listener of this.listeners.get(kind) ?? []) listener(id);
  }
}

import { Client, type Pool } from 'pg';

export const EVENTS_APPENDED_CHANNEL = 'orgs_events_appended';
export const EVENTS_PROJECTED_CHANNEL = 'orgs_events_projected';
/** Appends are announced at most this often (see coalescingNotifier): a bound on what it adds to projection lag. */
export const APPENDED_NOTIFY_SPACING_MS = 5;

/**
 * Sends NOTIFY on a channel after commits, outside the writers' transactions: a NOTIFY inside them
 * would make every commit take Postgres's global notification lock. Calls that arrive while one is
 * in flight are folded into one more, sent after it, so every commit is followed by a NOTIFY.
 *
 * `spacingMs` holds the folded one back until that long after the previous one was sent: under
 * load, one NOTIFY per few milliseconds wakes the followers as well as one per commit does, and
 * each costs Postgres a transaction and the followers a batch.
 */
export function coalescingNotifier(
  pool: Pool,
  channel: string,
  onError: (e: unknown) => void = () => undefined,
  /** Read when the NOTIFY is sent, so a folded call still carries the newest payload. */
  payload: () => string = () => '',
  spacingMs = 0,
) {
  let inFlight = false;
  let pending = false;
  const send = async (): Promise<void> => {
    inFlight = true;
    pending = false;
    const sentAt = performance.now();
    try {
      await pool.query(`SELECT pg_notify($1, $2)`, [channel, payload()]);
    } catch (error) {
      onError(error);
    }
    const wait = spacingMs - (performance.now() - sentAt);
    if (pending && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight = false;
    if (pending) void send();
  };
  return (): void => {
    if (inFlight) pending = true;
    else void send();
  };
}

export interface WakeUpListener {
  close(): Promise<void>;
}

/**
 * Calls `onWake` on every NOTIFY of the channels, on a connection of its own that is re-opened when
 * it drops; one connection, so notifications of several channels arrive in commit order. On every
 * (re)connection it calls `onWake('', channel)` for each channel: something may have been missed.
 * Followers also poll slowly, so a notification lost while reconnecting costs only latency.
 */
export async function listenForWakeUps(
  connectionString: string,
  channels: string | readonly string[],
  onWake: (payload: string, channel: string) => void,
  onError: (e: unknown) => void = () => undefined,
): Promise<WakeUpListener> {
  const names = typeof channels === 'string' ? [channels] : channels;
  let closed = false;
  let client: Client | undefined;
  const reconnect = () => {
    if (!closed) setTimeout(() => void connect().catch((error) => (onError(error), reconnect())), 500);
  };
  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString });
    next.on('notification', (message) => onWake(message.payload ?? '', message.channel));
    const lost = () => {
      if (client !== next) return; // a failed connect retries on its own
      client = undefined;
      reconnect();
    };
    next.on('error', (error) => (onError(error), lost()));
    next.on('end', lost);
    try {
      await next.connect();
      for (const name of names) await next.query(`LISTEN ${name}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
    for (const name of names) onWake('', name); // whatever happened while we were not listening
  };
  await connect();
  return {
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}

import type { LogCheckpoint, LogReader, RecordedEvent } from '@orgs/shared/event-store';

/**
 * A rebuild reads the log page after page: while one page is being written, the next is read
 * (Postgres reads it on a connection of its own), so reading and writing overlap. Only after a
 * full page: a short one is the end of the log, and what is appended later must be read fresh.
 */
export class ReadAhead implements LogReader {
  private next?: { after: LogCheckpoint; limit: number; events: Promise<RecordedEvent[]> };

  constructor(private readonly log: Pick<LogReader, 'readAll'>) {}

  async readAll(after: LogCheckpoint, limit: number): Promise<RecordedEvent[]> {
    const ahead = this.next;
    this.next = undefined;
    const events = ahead && sameCheckpoint(ahead.after, after) && ahead.limit === limit ? await ahead.events : await this.log.readAll(after, limit);
    if (events.length === limit) this.readNext(events[events.length - 1], limit);
    return events;
  }

  private readNext(last: RecordedEvent, limit: number): void {
    const after = { transactionId: last.transactionId, position: last.position };
    // A failed read ahead is read again when it is asked for.
    this.next = { after, limit, events: this.log.readAll(after, limit).catch(() => this.log.readAll(after, limit)) };
  }
}

const sameCheckpoint = (a: LogCheckpoint, b: LogCheckpoint) => a.transactionId === b.transactionId && a.position === b.position;

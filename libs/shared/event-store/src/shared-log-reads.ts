import type { LogCheckpoint, RecordedEvent } from './types';

/** What followers of the log read it through. */
export interface LogReader {
  /**
   * The page after `after` (see EventStore.readAll). `readSince` (a performance.now() time): a page
   * read since then, for another follower, will do.
   */
  readAll(after: LogCheckpoint, limit: number, readSince?: number): Promise<RecordedEvent[]>;
}

interface Page {
  startedAt: number;
  limit: number;
  events: Promise<RecordedEvent[]>;
}

/**
 * The followers of one worker process (each projection, the reactions) are woken together and mostly
 * stand at the same checkpoint, so each would read the same page of the log. A page read from a
 * checkpoint is handed to a follower that asks for it, if the read began after that follower was
 * woken: it then holds everything committed before the wake-up, which is all the follower owes.
 * What commits later sends a wake-up of its own. Pages never change (see orgs_read_all), so only
 * that freshness matters.
 */
export class SharedLogReads implements LogReader {
  private readonly pages = new Map<string, Page>();

  constructor(
    private readonly log: Pick<LogReader, 'readAll'>,
    private readonly maxPages = 32,
  ) {}

  async readAll(after: LogCheckpoint, limit: number, readSince?: number): Promise<RecordedEvent[]> {
    const key = `${after.transactionId}/${after.position}`;
    const page = this.pages.get(key);
    if (readSince !== undefined && page && page.startedAt >= readSince && page.limit >= limit) {
      const events = await page.events;
      return events.length > limit ? events.slice(0, limit) : events;
    }
    return this.read(key, after, limit);
  }

  private read(key: string, after: LogCheckpoint, limit: number): Promise<RecordedEvent[]> {
    const page: Page = { startedAt: performance.now(), limit, events: this.log.readAll(after, limit) };
    this.pages.delete(key);
    this.pages.set(key, page);
    if (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value as string);
    page.events.catch(() => {
      if (this.pages.get(key) === page) this.pages.delete(key);
    });
    return page.events;
  }
}

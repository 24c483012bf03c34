/**
 * Group commit for calls that one statement can serve together: the first call goes at once; calls
 * made while a statement is in flight wait for it and then go together as the next one. Idle, it
 * adds nothing; under load, N lanes cost one statement per round instead of N. A failed statement
 * fails every call it carried.
 */
export class CoalescedCalls<Request, Result> {
  private waiting: { request: Request; resolve(result: Result): void; reject(error: unknown): void }[] = [];
  private inFlight = false;

  constructor(private readonly run: (requests: Request[]) => Promise<Result[]>) {}

  call(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (!this.inFlight) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const calls = this.waiting;
    this.waiting = [];
    this.inFlight = true;
    try {
      const results = await this.run(calls.map((c) => c.request));
      calls.forEach((c, i) => c.resolve(results[i]));
    } catch (error) {
      for (const c of calls) c.reject(error);
    } finally {
      this.inFlight = false;
      if (this.waiting.length > 0) void this.flush();
    }
  }
}

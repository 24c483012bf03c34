/** The newest known state of recently used streams, in memory, least recently used evicted first. */
export class StateCache<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(private readonly capacity = 10_000) {}

  get(key: string): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

/** Work under one key runs one at a time, in the order it was asked for; different keys run side by side. */
export class Turns {
  private readonly tails = new Map<string, Promise<void>>();

  async take<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const mine = previous.then(work);
    const tail = mine.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await mine;
    } finally {
      // The last in line leaves no entry behind: the map holds only keys with work waiting.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

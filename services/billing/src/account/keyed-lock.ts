/**
 * Runs async work one at a time per key, within this process. Commands on one client account queue
 * here instead of racing to the event store: each decides on the state the previous one left, so
 * concurrent requests get the answer they would get one after the other (a payment that no longer
 * fits is refused before it takes a receipt number). Across processes, the store's optimistic
 * concurrency still decides; this only avoids needless conflicts.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

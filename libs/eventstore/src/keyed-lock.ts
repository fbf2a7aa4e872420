/**
 * Runs async work one at a time per key, within this process. Billing queues the commands on one
 * client account here, so each decides on the state the previous one left (concurrent requests get
 * the answer they would get one after the other); `upsertIfNewer` serialises its read-then-write
 * per document. Across processes the store's unique keys still decide.
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

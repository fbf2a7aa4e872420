/**
 * Within this process: shared work runs alongside other shared work; exclusive work waits for the
 * shared work already started and runs alone, and shared work that comes after it waits for it.
 * Reporting applies several Kafka partitions' batches at once (shared) and a tenant's calendar
 * change alone (exclusive), since that change recomputes figures the batches also write.
 */
export class ReadWriteLock {
  /** Settles when the last exclusive work queued so far has ended. */
  private exclusiveTail: Promise<void> = Promise.resolve();
  /** Shared work started since the last exclusive one was queued. */
  private shared = new Set<Promise<void>>();

  runShared<T>(work: () => Promise<T>): Promise<T> {
    const result = this.exclusiveTail.then(work);
    const done = result.then(settled, settled);
    const batch = this.shared;
    batch.add(done);
    void done.then(() => batch.delete(done));
    return result;
  }

  runExclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = Promise.all([this.exclusiveTail, ...this.shared]).then(work);
    this.exclusiveTail = result.then(settled, settled);
    this.shared = new Set();
    return result;
  }
}

const settled = (): void => undefined;

/**
 * A Map of at most `max` entries that drops the least recently written one when full: for what a
 * process remembers to spare itself a database read, where a miss only costs that read again.
 */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores `value` as the most recent entry, dropping the oldest past `max`. */
  set(key: K, value: V): void {
    this.entries.delete(key); // re-inserted last: the Map's order is least recently written first
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

// A tally: a tenant-wide figure (active clients of a fiscal year, sales of a period) precomputed
// as the sum of the weights of entry documents (one per active client, one per invoice sold), so
// that reading it is one key lookup whatever the tenant's size.
//
// Without multi-document transactions an entry and its tally cannot be written together. So a
// change is made in three steps: the tally counts the entry's new weight and holds it under the
// entry's key; the entry document is written; the tally lets go of the key. While a key is held,
// the tally counts the held weight for it, not the entry document's; a retry after a crash
// between the steps therefore neither counts the change twice nor loses it.

export interface Tally {
  value: number;
  /** Entry key → the weight `value` counts for that entry while its document is rewritten. */
  pending: Record<string, number>;
}

export const emptyTally = (): Tally => ({ value: 0, pending: {} });

/** Whether a tally holds a key (so step 3 has something to do). */
export const holds = (tally: Tally, key: string): boolean => Object.prototype.hasOwnProperty.call(tally.pending, key);

/**
 * Step 1 of moving entry `key` from `stored` (the weight of its document now) to `weight`:
 * count the new weight and hold it. null when there is nothing to write: the tally already
 * counts `weight` for the key, held or from the document.
 */
export function holdEntry(tally: Tally, key: string, stored: number, weight: number): Tally | null {
  const counted = holds(tally, key) ? tally.pending[key] : stored;
  if (counted === weight) return null;
  return { value: tally.value - counted + weight, pending: { ...tally.pending, [key]: weight } };
}

/** Step 3, once the entry document has its weight: stop holding the key. null when it is not held. */
export function releaseEntry(tally: Tally, key: string): Tally | null {
  if (!holds(tally, key)) return null;
  const { [key]: _released, ...pending } = tally.pending;
  return { value: tally.value, pending };
}

/**
 * A tally that counts nothing and holds nothing is not stored, so the stored tallies are a pure
 * function of the entries (a rebuild gives the same documents as the live projection).
 */
export const isEmptyTally = (tally: Tally): boolean => tally.value === 0 && Object.keys(tally.pending).length === 0;

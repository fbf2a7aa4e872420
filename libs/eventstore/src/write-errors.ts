/** True for a write refused because its unique key (`_id` or an index) is taken. */
export const isDuplicateKey = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: number }).code === 11000;

/** One document a bulk write refused, by its position in the request. */
export interface DocumentWriteFailure {
  index: number;
  code?: number;
  errmsg?: string;
}

/** The per-document failures of a bulk write's error (the driver gives one or a list); none for any other error. */
export function writeErrorsOf(e: unknown): DocumentWriteFailure[] {
  return [(e as { writeErrors?: unknown }).writeErrors ?? []].flat() as DocumentWriteFailure[];
}

/**
 * The positions of the documents an insertMany(ordered: false) refused as already there, when that
 * is all that went wrong; any other failure is thrown on.
 */
export function duplicateKeyIndexes(e: unknown): Set<number> {
  const errors = writeErrorsOf(e);
  if (errors.length === 0 || !errors.every((w) => w.code === 11000 && typeof w.index === 'number')) throw e;
  return new Set(errors.map((w) => w.index));
}

/**
 * The positions of the documents an insertMany(ordered: false) refused as already there, when that
 * is all that went wrong; any other failure is thrown on. The driver gives one write error or a list.
 */
export function duplicateKeyIndexes(e: unknown): Set<number> {
  const errors = [(e as { writeErrors?: unknown }).writeErrors ?? []].flat() as Array<{ code?: number; index?: number }>;
  if (errors.length === 0 || !errors.every((w) => w.code === 11000 && typeof w.index === 'number')) throw e;
  return new Set(errors.map((w) => w.index as number));
}

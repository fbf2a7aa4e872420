import { AppError } from '@carnet/http';

/** An opaque cursor holding the sort key of the last item of a page. */
export function encodeCursor(key: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key inside a cursor this API returned, checked against the expected shape; else 422. */
export function decodeCursor<K extends Array<string | number>>(cursor: string | undefined, shape: ReadonlyArray<'string' | 'number'>): K | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === shape.length && v.every((x, i) => typeof x === shape[i])) return v as K;
  } catch {
    // reported below
  }
  throw AppError.invalid([{ field: 'cursor', message: 'cursor is not one this API returned' }]);
}

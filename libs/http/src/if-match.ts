import { AppError } from './app-error';

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; absent → undefined; anything else → 422 naming the header. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!m) throw AppError.invalid([{ field: 'If-Match', message: 'If-Match must be a resource version such as "3"' }]);
  return Number(m[1]);
}

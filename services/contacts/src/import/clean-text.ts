import { hasVisibleText } from '@carnet/http';

// Control characters other than tab/newline never belong in a contact field; they come from
// broken exports or binary junk, so they are dropped rather than stored.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0080-\u009F\uFEFF]/g;

/** Trim, NFC-normalise, collapse inner whitespace to single spaces; empty or nothing visible → null. */
export function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const text = value.normalize('NFC').replace(CONTROL, '').replace(/\s+/gu, ' ').trim();
  // A cell of zero-width characters is as empty as a blank one (the API refuses such a name too).
  return text === '' || !hasVisibleText(text) ? null : text;
}

/** Like cleanText but keeps line breaks (for multi-line street fields), returning the non-empty lines. */
export function cleanLines(value: string | null | undefined): string[] {
  if (value == null) return [];
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => cleanText(line))
    .filter((line): line is string => line !== null);
}

/** Case- and accent-insensitive equality, for "is the company just the person's name again?". */
export function sameText(a: string, b: string): boolean {
  return foldForCompare(a) === foldForCompare(b);
}

function foldForCompare(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

import { isUtf8 } from 'node:buffer';
import * as chardet from 'chardet';
import * as iconv from 'iconv-lite';
import { ImportFormatError } from './import-format-error';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const UNKNOWN_ENCODING =
  'The character encoding of this file could not be determined (it is not UTF-8, UTF-16 or Windows-1252). ' +
  'Save it as "CSV UTF-8" (or export the vCard as UTF-8) and import it again.';

/**
 * The encoding of an uploaded text file: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM or
 * recognised by its zero bytes) or Windows-1252; anything else is refused rather than stored
 * garbled. `declaredCharset` (from a Content-Type) only matters for bytes that are not UTF-8.
 */
export function detectTextEncoding(body: Buffer, declaredCharset?: string): TextEncoding {
  if (body.length === 0) throw new ImportFormatError('The file is empty.');
  if (startsWith(body, [0x00, 0x00, 0xfe, 0xff]) || startsWith(body, [0xff, 0xfe, 0x00, 0x00])) {
    throw new ImportFormatError('UTF-32 files are not supported. Save the file as UTF-8 and import it again.');
  }
  const unicode = sniffUnicodeEncoding(body);
  if (unicode === 'utf-8') {
    // A UTF-8 BOM is a promise; if the bytes break it we cannot tell what they are.
    if (!isUtf8(body)) throw new ImportFormatError(`${UNKNOWN_ENCODING} (It starts with a UTF-8 marker but is not valid UTF-8.)`);
    return 'utf-8';
  }
  if (unicode) return unicode;

  if (hasBinaryControlBytes(body)) throw new ImportFormatError(UNKNOWN_ENCODING);
  // Valid UTF-8 is always UTF-8: plain ASCII and real UTF-8 both land here.
  if (isUtf8(body)) return 'utf-8';

  if (declaresWindows1252(declaredCharset) || looksLikeWindows1252(body)) return 'windows-1252';
  throw new ImportFormatError(UNKNOWN_ENCODING);
}

export function decodeAs(body: Buffer, encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return iconv.decode(body, 'utf-8', { stripBOM: true });
    case 'utf-16le':
      return iconv.decode(body, 'utf-16le', { stripBOM: true });
    case 'utf-16be':
      return iconv.decode(body, 'utf-16be', { stripBOM: true });
    case 'windows-1252':
      return iconv.decode(body, 'windows-1252');
  }
}

/** The encoding a byte-order mark (or UTF-16's zero bytes) announces, or null for plain 8-bit bytes. */
export function sniffUnicodeEncoding(body: Buffer): TextEncoding | null {
  if (startsWith(body, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(body, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(body, [0xfe, 0xff])) return 'utf-16be';
  return sniffUtf16WithoutBom(body);
}

function startsWith(body: Buffer, bytes: number[]): boolean {
  return body.length >= bytes.length && bytes.every((b, i) => body[i] === b);
}

// Text in UTF-16 without a BOM (e.g. some Apple/Windows exports) shows as a zero byte in every
// other position for its ASCII characters: even positions for big-endian, odd for little-endian.
function sniffUtf16WithoutBom(body: Buffer): TextEncoding | null {
  const n = Math.min(body.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (body[i] === 0) evenZeros++;
    if (body[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (evenZeros / pairs >= 0.2 && oddZeros / pairs <= 0.02) return 'utf-16be';
  if (oddZeros / pairs >= 0.2 && evenZeros / pairs <= 0.02) return 'utf-16le';
  return null;
}

// NUL and most C0 controls never occur in a text export; their presence means binary data
// (or a multi-byte encoding we do not read).
function hasBinaryControlBytes(body: Buffer): boolean {
  for (const b of body) {
    // 0x1A is the DOS end-of-file mark some old Windows tools still append.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) return true;
    if (b === 0x7f) return true;
  }
  return false;
}

// Byte values that Windows-1252 leaves undefined.
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

// Charsets whose text would read the same, letter for letter, as Windows-1252 here.
const LATIN1_FAMILY = new Set(['ISO-8859-1', 'windows-1252', 'ISO-8859-15', 'ASCII', 'UTF-8']);

/**
 * Is this non-UTF-8 file plausibly Windows-1252 (Western European text)? Cyrillic, Greek, CJK…
 * in their own 8-bit encodings also decode "successfully" as 1252, but into runs of accented
 * letters and symbols (Èâàí, ±±¾©); those are refused instead of being stored garbled.
 */
function looksLikeWindows1252(body: Buffer): boolean {
  for (const b of body) if (UNDEFINED_IN_1252.has(b)) return false;

  const text = iconv.decode(body, 'windows-1252');
  let nonAsciiTokens = 0;
  let suspiciousTokens = 0;
  for (const token of text.split(/[\s,;"'|()[\]{}<>]+/)) {
    let run = 0;
    let longest = 0;
    for (const ch of token) {
      run = ch.charCodeAt(0) >= 0x80 ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    if (longest > 0) nonAsciiTokens++;
    // Western languages almost never put three non-ASCII characters in a row ("ção" has two).
    if (longest >= 3) suspiciousTokens++;
  }
  if (suspiciousTokens > 0 && suspiciousTokens / nonAsciiTokens >= 0.25) return false;

  // chardet is unreliable on short files, so it only vetoes when it is confident and the
  // charset it names would actually give different text.
  const best = chardet.analyse(body.subarray(0, 64 * 1024))[0];
  if (best && !LATIN1_FAMILY.has(best.name) && best.confidence >= 50 && iconv.encodingExists(best.name)) {
    if (iconv.decode(body, best.name) !== text) return false;
  }
  return true;
}

// An explicit Western label (from the request's Content-Type) lets a file through that the
// heuristics above would doubt; it never overrides valid UTF-8.
function declaresWindows1252(label: string | undefined): boolean {
  const l = (label ?? '').trim().toLowerCase().replace(/^"|"$/g, '');
  return ['windows-1252', 'cp1252', 'iso-8859-1', 'latin1', 'latin-1'].includes(l);
}

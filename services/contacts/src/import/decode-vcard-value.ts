import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';
// libqp decodes to bytes (not text), so the CHARSET applies afterwards and a multi-byte UTF-8
// character split across a soft line break survives.
import { decode as decodeQuotedPrintable } from 'libqp';
import type { VCardProperty } from './read-vcard-cards';
import { paramValue } from './vcard-params';

export interface DecodedVCardValue {
  text: string;
  /** No usable CHARSET and not UTF-8: read as Windows-1252, which may be wrong. */
  guessed: boolean;
  /** Declared UTF-8 but holding invalid bytes, which were dropped. */
  damaged: boolean;
}

/**
 * Decode a property value to text: undo QUOTED-PRINTABLE on the bytes, then apply the CHARSET
 * parameter. `charsetApplies` is false when the file was UTF-16 (its bytes were re-encoded
 * as UTF-8, so a CHARSET on a raw value no longer describes them).
 * Returns null for binary (base64) values such as PHOTO or KEY.
 */
export function decodeVCardValue(prop: VCardProperty, charsetApplies: boolean): DecodedVCardValue | null {
  const encoding = paramValue(prop, 'ENCODING')?.toUpperCase();
  if (encoding === 'B' || encoding === 'BASE64') return null;
  const quotedPrintable = encoding === 'QUOTED-PRINTABLE';
  let bytes: Buffer = Buffer.from(prop.value, 'latin1');
  if (quotedPrintable) bytes = decodeQuotedPrintable(bytes);

  const valid8 = isUtf8(bytes);
  const charset = paramValue(prop, 'CHARSET');
  if (charset && (quotedPrintable || charsetApplies) && iconv.encodingExists(charset)) {
    if (/^utf-?8$/i.test(charset)) {
      if (valid8) return { text: bytes.toString('utf8'), guessed: false, damaged: false };
      return { text: iconv.decode(bytes, 'utf-8').replace(/\uFFFD/g, ''), guessed: false, damaged: true };
    }
    // Writers that label UTF-8 as ISO-8859-1 exist; real 8-bit text is almost never valid
    // multi-byte UTF-8, so valid UTF-8 with non-ASCII bytes is taken as UTF-8.
    if (!(valid8 && bytes.some((b) => b >= 0x80)) || /^utf-?16/i.test(charset)) {
      return { text: iconv.decode(bytes, charset), guessed: false, damaged: false };
    }
  }
  if (valid8) return { text: bytes.toString('utf8'), guessed: false, damaged: false };
  // vCard 2.1 writers (Outlook, The Bat!) often omit CHARSET and use the Windows code page.
  return { text: iconv.decode(bytes, 'windows-1252'), guessed: true, damaged: false };
}

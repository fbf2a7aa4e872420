import type { ParsedContactImport } from './contact-import-types';
import { decodeAs, detectTextEncoding, sniffUnicodeEncoding, type TextEncoding } from './decode-import-text';
import { ImportFormatError } from './import-format-error';
import { parseVCardContacts } from './parse-vcard-contacts';

/** What an uploaded file is: a vCard file (read at once: it is parsed), or CSV text in an encoding. */
export type ContactFile = { format: 'vcard'; parsed: ParsedContactImport } | { format: 'csv'; encoding: TextEncoding };

const VCARD_TYPES = new Set(['text/vcard', 'text/x-vcard', 'text/directory', 'application/vcard']);

/** Tells a vCard file from CSV text and finds the text's encoding; refuses what is neither. */
export function identifyContactFile(body: Buffer, contentType?: string): ContactFile {
  refuseKnownBinaryFormats(body);
  const { mimeType, charset } = parseContentType(contentType);
  const unicode = sniffUnicodeEncoding(body);
  if (VCARD_TYPES.has(mimeType) || startsWithVCard(body, unicode)) return { format: 'vcard', parsed: parseVCard(body, unicode) };
  return { format: 'csv', encoding: detectTextEncoding(body, charset) };
}

/** JSON is refused with its own message; `text` is only decoded for a file that starts like JSON. */
export function refuseJson(start: string, text: () => string): void {
  const first = start.trimStart()[0];
  if (first !== '{' && first !== '[') return;
  try {
    JSON.parse(text());
  } catch {
    return; // not JSON after all: let the CSV reader judge it
  }
  throw new ImportFormatError('JSON files are not supported: import a CSV export or a vCard (.vcf) file.');
}

function parseVCard(body: Buffer, unicode: TextEncoding | null): ParsedContactImport {
  if (unicode === 'utf-16le' || unicode === 'utf-16be') {
    // Re-encode as UTF-8 bytes so the vCard lexer always sees one char per byte.
    const text = decodeAs(body, unicode);
    return parseVCardContacts(Buffer.from(text, 'utf8').toString('latin1'), false);
  }
  // 8-bit vCards are decoded value by value: each property may name its own CHARSET.
  const bytes = unicode === 'utf-8' ? body.subarray(3) : body;
  return parseVCardContacts(bytes.toString('latin1'), true);
}

function parseContentType(contentType: string | undefined): { mimeType: string; charset: string | undefined } {
  const [type = '', ...params] = (contentType ?? '').split(';');
  const charset = params
    .map((p) => p.trim())
    .find((p) => /^charset=/i.test(p))
    ?.slice('charset='.length);
  return { mimeType: type.trim().toLowerCase(), charset };
}

function startsWithVCard(body: Buffer, unicode: TextEncoding | null): boolean {
  const head =
    unicode === 'utf-16le' || unicode === 'utf-16be'
      ? decodeAs(body.subarray(0, 256), unicode)
      : body.subarray(0, 64).toString('latin1').replace(/^\u00EF\u00BB\u00BF/, '');
  return /^\s*BEGIN:VCARD/i.test(head.replace(/^\uFEFF/, ''));
}

function refuseKnownBinaryFormats(body: Buffer): void {
  const magic = body.subarray(0, 4).toString('latin1');
  if (magic === 'PK\u0003\u0004') {
    throw new ImportFormatError('This is a zipped file (such as an Excel .xlsx workbook), not CSV or vCard. Export or save it as CSV and import that.');
  }
  if (magic === '\u00D0\u00CF\u0011\u00E0') {
    throw new ImportFormatError('This is an Excel (.xls) or other Office file, not CSV or vCard. Save it as CSV and import that.');
  }
  if (magic === '%PDF') throw new ImportFormatError('This is a PDF file, not CSV or vCard.');
}

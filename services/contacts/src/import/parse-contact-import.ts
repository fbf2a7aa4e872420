import type { ParsedContactImport } from './contact-import-types';
import { decodeAs, decodeImportText, sniffUnicodeEncoding } from './decode-import-text';
import { ImportFormatError } from './import-format-error';
import { parseCsvContacts } from './parse-csv-contacts';
import { parseVCardContacts } from './parse-vcard-contacts';

const VCARD_TYPES = new Set(['text/vcard', 'text/x-vcard', 'text/directory', 'application/vcard']);

/**
 * Parse an uploaded contact file (CSV export or vCard) into contacts, per-record warnings and
 * errors. Throws ImportFormatError when the file as a whole cannot be read.
 */
export function parseContactImport(body: Buffer, contentType?: string): ParsedContactImport {
  refuseKnownBinaryFormats(body);
  const { mimeType, charset } = parseContentType(contentType);
  const unicode = sniffUnicodeEncoding(body);

  if (VCARD_TYPES.has(mimeType) || startsWithVCard(body, unicode)) {
    if (unicode === 'utf-16le' || unicode === 'utf-16be') {
      // Re-encode as UTF-8 bytes so the vCard lexer always sees one char per byte.
      const text = decodeAs(body, unicode);
      return parseVCardContacts(Buffer.from(text, 'utf8').toString('latin1'), false);
    }
    // 8-bit vCards are decoded value by value: each property may name its own CHARSET.
    const bytes = unicode === 'utf-8' ? body.subarray(3) : body;
    return parseVCardContacts(bytes.toString('latin1'), true);
  }

  const { text } = decodeImportText(body, charset);
  refuseJson(text);
  return parseCsvContacts(text);
}

function parseContentType(contentType: string | undefined): { mimeType: string; charset: string | undefined } {
  const [type = '', ...params] = (contentType ?? '').split(';');
  const charset = params
    .map((p) => p.trim())
    .find((p) => /^charset=/i.test(p))
    ?.slice('charset='.length);
  return { mimeType: type.trim().toLowerCase(), charset };
}

function startsWithVCard(body: Buffer, unicode: ReturnType<typeof sniffUnicodeEncoding>): boolean {
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

function refuseJson(text: string): void {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return;
  try {
    JSON.parse(text);
  } catch {
    return; // not JSON after all: let the CSV reader judge it
  }
  throw new ImportFormatError('JSON files are not supported: import a CSV export or a vCard (.vcf) file.');
}

import type { ParsedContactImport } from './contact-import-types';
import { CsvContactRows } from './csv-contact-rows';
import { decodeAs } from './decode-import-text';
import { findCsvHeader, HEADER_SEARCH_LINES } from './find-csv-header';
import { identifyContactFile, refuseJson } from './identify-contact-file';
import { ImportFormatError } from './import-format-error';
import { readCsvRecordsSync } from './read-csv-records';

/**
 * Parses a whole contact file (CSV export or vCard) at once into contacts, per-record warnings and
 * errors; throws ImportFormatError when the file as a whole cannot be read. Same reading as
 * openContactImport (which the service streams large files with), held in memory: for small
 * files and tools such as the export's round-trip check.
 */
export function parseContactImport(body: Buffer, contentType?: string): ParsedContactImport {
  const file = identifyContactFile(body, contentType);
  if (file.format === 'vcard') return file.parsed;
  const text = decodeAs(body, file.encoding);
  refuseJson(text, () => text);
  const position = findCsvHeader(text.split(/\r\n|\n|\r/, HEADER_SEARCH_LINES), CsvContactRows.scoreHeader);
  const records = readCsvRecordsSync(text, position.delimiter);
  const header = records.find((r) => r.line === position.line);
  if (!header) throw new ImportFormatError(`The header row (line ${position.line}) could not be read.`);
  const mapper = new CsvContactRows(header, position.preamble);
  const parsed: ParsedContactImport = { format: 'csv', source: mapper.source, contacts: [], warnings: [...mapper.warnings], errors: [] };
  for (const record of records) {
    if (record.line <= position.line || CsvContactRows.isBlank(record)) continue;
    const row = mapper.toRow(record);
    if (row.contact) parsed.contacts.push(row.contact);
    parsed.warnings.push(...row.warnings);
    parsed.errors.push(...row.errors);
  }
  // The note that this is a document export explains the rows after it, so it comes first.
  parsed.warnings.unshift(...mapper.closingWarnings());
  return parsed;
}

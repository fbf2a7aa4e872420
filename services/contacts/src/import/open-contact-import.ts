import type { ContactImportStream, ImportRow, ParsedContactImport } from './contact-import-types';
import { CsvContactRows } from './csv-contact-rows';
import { decodeAs, type TextEncoding } from './decode-import-text';
import { findCsvHeader, HEADER_SEARCH_LINES } from './find-csv-header';
import { identifyContactFile, refuseJson } from './identify-contact-file';
import { ImportFormatError } from './import-format-error';
import { lineBreaks, readCsvRecords, type CsvRow } from './read-csv-records';
import { utf8Chunks } from './utf8-chunks';

/**
 * Opens an uploaded contact file (CSV export or vCard) for import. The whole file is checked
 * first, so a file that cannot be read is refused (ImportFormatError) before any row is handed
 * out; then its rows are read one at a time. CSV is parsed as a stream over the body's bytes, so
 * nothing but the body itself grows with the file; a vCard file is parsed at once.
 */
export async function openContactImport(body: Buffer, contentType?: string): Promise<ContactImportStream> {
  const file = identifyContactFile(body, contentType);
  return file.format === 'vcard' ? vCardStream(file.parsed) : openCsv(body, file.encoding);
}

async function openCsv(body: Buffer, encoding: TextEncoding): Promise<ContactImportStream> {
  const head = firstLines(body, encoding);
  refuseJson(head.join('\n'), () => decodeAs(body, encoding));
  const position = findCsvHeader(head, CsvContactRows.scoreHeader);
  const records = () => readCsvRecords(utf8Chunks(body, encoding), position.delimiter);

  // First pass: the whole file must parse, and the header must start a record of its own.
  let header: CsvRow | null = null;
  let rowsTotal = 0;
  for await (const record of records()) {
    if (record.line === position.line) header = record;
    else if (record.line > position.line && !CsvContactRows.isBlank(record)) rowsTotal++;
  }
  if (!header) throw new ImportFormatError(`The header row (line ${position.line}) could not be read.`);

  const mapper = new CsvContactRows(header, position.preamble);
  return {
    format: 'csv',
    source: mapper.source,
    rowsTotal,
    warnings: mapper.warnings,
    async *rows() {
      for await (const record of records()) {
        if (record.line > position.line && !CsvContactRows.isBlank(record)) yield mapper.toRow(record);
      }
    },
    closingWarnings: () => mapper.closingWarnings(),
  };
}

// The lines the header is looked for in, decoded from the first chunks only.
function firstLines(body: Buffer, encoding: TextEncoding): string[] {
  const head: Buffer[] = [];
  let breaks = 0;
  for (const chunk of utf8Chunks(body, encoding)) {
    head.push(chunk);
    breaks += lineBreaks(chunk.toString('latin1'));
    // One more than needed: a CRLF split between two chunks counts twice.
    if (breaks > HEADER_SEARCH_LINES + 1) break;
  }
  return Buffer.concat(head).toString('utf8').split(/\r\n|\n|\r/, HEADER_SEARCH_LINES);
}

// A vCard file is read at once; its contacts and issues are handed out card by card.
function vCardStream(parsed: ParsedContactImport): ContactImportStream {
  const byLine = new Map<number, ImportRow>();
  const rowAt = (line: number): ImportRow => {
    let row = byLine.get(line);
    if (!row) byLine.set(line, (row = { line, contact: null, warnings: [], errors: [] }));
    return row;
  };
  for (const c of parsed.contacts) rowAt(c.line).contact = c;
  for (const w of parsed.warnings) rowAt(w.line).warnings.push(w);
  for (const e of parsed.errors) rowAt(e.line).errors.push(e);
  const rows = [...byLine.values()].sort((a, b) => a.line - b.line);
  return {
    format: 'vcard',
    source: parsed.source,
    rowsTotal: rows.length,
    warnings: [],
    async *rows() {
      yield* rows;
    },
    closingWarnings: () => [],
  };
}

import { Readable } from 'node:stream';
import { CsvError, parse, type Options } from 'csv-parse';
// The sync entry is bundled apart, with its own copy of CsvError.
import { CsvError as SyncCsvError, parse as parseAll } from 'csv-parse/sync';
import { ImportFormatError } from './import-format-error';

export interface CsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

interface RawRecord {
  record: string[];
  /** The record's text as in the file, ending with the line break that closed it. */
  raw: string;
}

const options = (delimiter: string): Options => ({
  delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, raw: true,
});

/**
 * The records of CSV text arriving as UTF-8 chunks, one at a time with the line each starts on,
 * through csv-parse's streaming parser: only the record being read is held, whatever the size of
 * the file. A file csv-parse cannot read is an ImportFormatError naming the line.
 */
export async function* readCsvRecords(chunks: Iterable<Buffer>, delimiter: string): AsyncGenerator<CsvRow> {
  const parser = Readable.from(chunks).pipe(parse(options(delimiter)));
  const lines = new LineCounter();
  try {
    for await (const raw of parser as AsyncIterable<RawRecord>) yield lines.next(raw);
  } catch (e) {
    throw lines.failure(e);
  }
}

/** The same records from text held whole (small files: the parser tests, other tools). */
export function readCsvRecordsSync(text: string, delimiter: string): CsvRow[] {
  const lines = new LineCounter();
  const rows: CsvRow[] = [];
  try {
    // Rows are taken as they are parsed, so a failure names the line it stopped at.
    parseAll(text, { ...options(delimiter), on_record: (raw: unknown) => { rows.push(lines.next(raw as RawRecord)); return null; } });
  } catch (e) {
    throw lines.failure(e);
  }
  return rows;
}

// csv-parse's own line counter counts a CRLF inside quotes twice, so lines are counted here from
// each record's raw text.
class LineCounter {
  private line = 1;

  next({ record, raw }: RawRecord): CsvRow {
    const row = { line: this.line, cells: record };
    this.line += lineBreaks(raw);
    return row;
  }

  failure(e: unknown): unknown {
    if (!(e instanceof CsvError || e instanceof SyncCsvError)) return e;
    return new ImportFormatError(`The CSV file is malformed near line ${this.line}: ${e.message.replace(/^[^:]*:\s*/, '')}`);
  }
}

/** CRLF, LF and a lone CR each end a line. */
export function lineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) n++;
  }
  return n;
}

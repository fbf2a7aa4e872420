import { CsvError, parse } from 'csv-parse/sync';
import { ImportFormatError } from './import-format-error';

export interface CsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: string;
  header: CsvRow;
  /** Text of the lines before the header (title lines some exports put first). */
  preamble: string;
  rows: CsvRow[];
}

const DELIMITERS = [',', ';', '\t'] as const;
// Exports put at most a few title lines before the header; look a little further to be safe.
const HEADER_SEARCH_LINES = 20;

/**
 * Split CSV text into records with their line numbers and find the header: the first record
 * (within the first few) that names the most recognised columns, under whichever delimiter
 * (comma, semicolon or tab) recognises the most. `scoreHeader` counts recognised cells and
 * returns 0 for a record that has no name/email/company column at all.
 */
export function readCsvTable(text: string, scoreHeader: (cells: string[]) => number): CsvTable {
  const bytes = Buffer.from(text, 'utf8');

  // A header never spans lines, so each of the first lines is tried on its own: a broken quote
  // further down cannot hide the header, and title lines are simply outscored.
  const firstLines = text.split(/\r\n|\n|\r/, HEADER_SEARCH_LINES);
  let best: { delimiter: string; line: number; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    for (const [i, lineText] of firstLines.entries()) {
      const score = scoreHeader(parseLine(lineText, delimiter));
      // Most recognised columns wins; on a tie, the earlier line, then the earlier delimiter.
      if (score > 0 && (best === null || score > best.score || (score === best.score && i + 1 < best.line))) {
        best = { delimiter, line: i + 1, score };
      }
    }
  }
  const found = best;
  if (!found) {
    throw new ImportFormatError(
      'No recognisable header row was found. The first line of the file should name the columns, ' +
        'for example Name, Email, Company, Phone (or Nom, Courriel, Entreprise, Téléphone).',
    );
  }

  let records: CsvRow[];
  try {
    records = parseRecords(bytes, found.delimiter);
  } catch (e) {
    if (e instanceof CsvError) {
      const line = typeof e.lines === 'number' ? ` near line ${e.lines}` : '';
      throw new ImportFormatError(`The CSV file is malformed${line}: ${e.message.replace(/^[^:]*:\s*/, '')}`);
    }
    throw e;
  }
  const headerIndex = records.findIndex((r) => r.line === found.line);
  const header = records[headerIndex];
  if (!header) throw new ImportFormatError(`The header row (line ${found.line}) could not be read.`);
  return {
    delimiter: found.delimiter,
    header,
    preamble: firstLines.slice(0, found.line - 1).join('\n'),
    rows: records.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

function parseLine(line: string, delimiter: string): string[] {
  try {
    return parse(line, { delimiter, relax_column_count: true, relax_quotes: true })[0] ?? [];
  } catch {
    return [];
  }
}

function parseRecords(bytes: Buffer, delimiter: string): CsvRow[] {
  // csv-parse reports where each record ends (in bytes); a record starts where the previous
  // one ended. Its own line counter counts CRLF inside quotes twice, so lines are counted here.
  const ends: number[] = [];
  const cells = parse(bytes, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    on_record: (record: string[], context) => {
      ends.push(context.bytes);
      return record;
    },
  });
  const lineOf = lineCounter(bytes);
  return cells.map((record, i) => ({ line: lineOf(i === 0 ? 0 : ends[i - 1]!), cells: record }));
}

/** Returns a function from byte offset to 1-based line number (CRLF, LF and lone CR each end a line). */
function lineCounter(bytes: Buffer): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

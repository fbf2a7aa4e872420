import { parse } from 'csv-parse/sync';
import { ImportFormatError } from './import-format-error';

export interface CsvHeaderPosition {
  delimiter: string;
  /** 1-based line of the header row. */
  line: number;
  /** Text of the lines before the header (title lines some exports put first). */
  preamble: string;
}

const DELIMITERS = [',', ';', '\t'] as const;
/** Exports put at most a few title lines before the header; look a little further to be safe. */
export const HEADER_SEARCH_LINES = 20;

/**
 * Finds the header among the first lines of a CSV file: the line that names the most recognised
 * columns, under whichever delimiter (comma, semicolon or tab) recognises the most. `scoreHeader`
 * counts recognised cells and returns 0 for a record that has no name/email/company column at all.
 */
export function findCsvHeader(firstLines: string[], scoreHeader: (cells: string[]) => number): CsvHeaderPosition {
  // A header never spans lines, so each line is tried on its own: a broken quote further down
  // cannot hide the header, and title lines are simply outscored.
  let best: { delimiter: string; line: number; score: number } | null = null;
  for (const delimiter of DELIMITERS) {
    for (const [i, lineText] of firstLines.slice(0, HEADER_SEARCH_LINES).entries()) {
      const score = scoreHeader(parseLine(lineText, delimiter));
      // Most recognised columns wins; on a tie, the earlier line, then the earlier delimiter.
      if (score > 0 && (best === null || score > best.score || (score === best.score && i + 1 < best.line))) {
        best = { delimiter, line: i + 1, score };
      }
    }
  }
  if (!best) {
    throw new ImportFormatError(
      'No recognisable header row was found. The first line of the file should name the columns, ' +
        'for example Name, Email, Company, Phone (or Nom, Courriel, Entreprise, Téléphone).',
    );
  }
  return { delimiter: best.delimiter, line: best.line, preamble: firstLines.slice(0, best.line - 1).join('\n') };
}

function parseLine(line: string, delimiter: string): string[] {
  try {
    return parse(line, { delimiter, relax_column_count: true, relax_quotes: true })[0] ?? [];
  } catch {
    return [];
  }
}

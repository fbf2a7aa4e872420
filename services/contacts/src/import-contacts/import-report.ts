import type { ImportIssue } from '../import';

export interface ImportSkip {
  line: number;
  reason: string;
}

/** The answer to an import (API.md): issues are listed by line. */
export interface ImportReport {
  created: number;
  skipped: ImportSkip[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

/** What one batch of rows came to. */
export interface BatchOutcome {
  rowsRead: number;
  created: number;
  skipped: ImportSkip[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

const byLine = <T extends { line: number }>(items: T[]) => [...items].sort((a, b) => a.line - b.line);

/** Gathers batch outcomes into one report (the synchronous answer, or a finished job's). */
export class ImportReportBuilder {
  private created = 0;
  private readonly skipped: ImportSkip[] = [];
  private readonly warnings: ImportIssue[] = [];
  private readonly errors: ImportIssue[] = [];

  add(part: Pick<BatchOutcome, 'skipped' | 'warnings' | 'errors'> & { created?: number }): void {
    this.created += part.created ?? 0;
    this.skipped.push(...part.skipped);
    this.warnings.push(...part.warnings);
    this.errors.push(...part.errors);
  }

  // Sorting is stable: issues about the file as a whole (on the header line) stay in the order found.
  build(): ImportReport {
    return { created: this.created, skipped: byLine(this.skipped), warnings: byLine(this.warnings), errors: byLine(this.errors) };
  }
}

import type { ImportIssue } from '../import';
import type { ImportJob, ImportJobRepository } from './import-job.repository';
import type { BatchOutcome, ImportSkip } from './import-report';

/** Where the recorder writes: the repository, or an in-memory stand-in in tests. */
export type ImportJobStore = Pick<ImportJobRepository, 'save' | 'addIssues'>;

/** Issues kept in memory before they are written as one chunk: bounds memory whatever the file. */
export const CHUNK_ISSUES = 1000;

/**
 * Writes a running job's progress after each batch, and its report's lines in chunks as they
 * come, so neither memory nor any one document grows with the size of the file.
 */
export class ImportJobRecorder {
  private skipped: ImportSkip[] = [];
  private warnings: ImportIssue[] = [];
  private errors: ImportIssue[] = [];

  constructor(private readonly jobs: ImportJobStore, readonly job: ImportJob) {}

  async record(outcome: BatchOutcome, now = new Date()): Promise<void> {
    const job = this.job;
    job.rowsRead += outcome.rowsRead;
    job.created += outcome.created;
    job.skipped += outcome.skipped.length;
    job.warnings += outcome.warnings.length;
    job.errors += outcome.errors.length;
    job.updatedAt = now;
    this.skipped.push(...outcome.skipped);
    this.warnings.push(...outcome.warnings);
    this.errors.push(...outcome.errors);
    if (this.skipped.length + this.warnings.length + this.errors.length >= CHUNK_ISSUES) await this.flush();
    await this.jobs.save(job);
  }

  async finish(status: 'done' | 'failed', failure: string | null = null, now = new Date()): Promise<void> {
    await this.flush();
    Object.assign(this.job, { status, failure, finishedAt: now, updatedAt: now });
    await this.jobs.save(this.job);
  }

  private async flush(): Promise<void> {
    if (this.skipped.length + this.warnings.length + this.errors.length === 0) return;
    await this.jobs.addIssues(this.job, { skipped: this.skipped, warnings: this.warnings, errors: this.errors });
    this.job.issueChunks++;
    this.skipped = [];
    this.warnings = [];
    this.errors = [];
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { MONGO_DB } from '@carnet/messaging';
import type { ImportIssue } from '../import';
import { ImportReport, ImportReportBuilder, ImportSkip } from './import-report';

/** An import running in the background (Prefer: respond-async), with its progress. */
export interface ImportJob {
  /** `${tenantId}|${id}`: a job is found by tenant and id with one _id lookup, never another tenant's. */
  _id: string;
  tenantId: string;
  id: string;
  status: 'running' | 'done' | 'failed';
  format: 'csv' | 'vcard';
  rowsTotal: number;
  rowsRead: number;
  created: number;
  skipped: number;
  warnings: number;
  errors: number;
  /** How many issue chunks hold the report's lines (written as the import goes). */
  issueChunks: number;
  startedAt: Date;
  /** Last progress written: a running job that has not moved for a long time was stopped by a restart. */
  updatedAt: Date;
  finishedAt: Date | null;
  failure: string | null;
}

/** Part of a job's report: its skipped rows, warnings and errors, a bounded number at a time. */
export interface ImportIssueChunk {
  _id: string;
  skipped: ImportSkip[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

export const importJobId = (tenantId: string, id: string) => `${tenantId}|${id}`;
const chunkId = (job: ImportJob, n: number) => `${job._id}|${String(n).padStart(6, '0')}`;

/** Import jobs (`contact_import_jobs`) and their reports' lines (`contact_import_issues`), all read by _id. */
@Injectable()
export class ImportJobRepository {
  private readonly jobs: Collection<ImportJob>;
  private readonly chunks: Collection<ImportIssueChunk>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.jobs = db.collection<ImportJob>('contact_import_jobs');
    this.chunks = db.collection<ImportIssueChunk>('contact_import_issues');
  }

  async create(job: ImportJob): Promise<void> {
    await this.jobs.insertOne(job);
  }

  async save(job: ImportJob): Promise<void> {
    const { _id, ...rest } = job;
    await this.jobs.updateOne({ _id }, { $set: rest });
  }

  /** Stores the next chunk of the job's issues; the caller counts it in `issueChunks`. */
  async addIssues(job: ImportJob, chunk: Omit<ImportIssueChunk, '_id'>): Promise<void> {
    await this.chunks.insertOne({ _id: chunkId(job, job.issueChunks), ...chunk });
  }

  find(tenantId: string, id: string): Promise<ImportJob | null> {
    return this.jobs.findOne({ _id: importJobId(tenantId, id) });
  }

  /** The job's report from its chunks, read one by one (each an _id lookup). */
  async report(job: ImportJob): Promise<ImportReport> {
    const report = new ImportReportBuilder();
    report.add({ created: job.created, skipped: [], warnings: [], errors: [] });
    for (let n = 0; n < job.issueChunks; n++) {
      const chunk = await this.chunks.findOne({ _id: chunkId(job, n) });
      if (chunk) report.add(chunk);
    }
    return report.build();
  }
}

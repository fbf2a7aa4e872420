import type { ImportJob } from './import-job.repository';
import type { ImportReport } from './import-report';

/** A running job writes its progress at least this often; one silent for longer was stopped by a restart. */
export const IMPORT_JOB_STALE_MS = 5 * 60_000;

/** The API shape of an import job. */
export interface ImportJobView {
  id: string;
  status: 'running' | 'done' | 'failed';
  format: 'csv' | 'vcard';
  rowsTotal: number;
  rowsRead: number;
  created: number;
  /** Counts; the lines are in `report`. */
  skipped: number;
  warnings: number;
  errors: number;
  startedAt: string;
  finishedAt: string | null;
  /** Why a failed job stopped. */
  failure: string | null;
  /** Once the job is over: the same shape as a synchronous import's answer. */
  report: ImportReport | null;
}

/** How a job reads now: a running job that stopped writing progress long ago died with its process. */
export function toImportJobView(job: ImportJob, report: ImportReport | null, now: Date): ImportJobView {
  const stale = job.status === 'running' && now.getTime() - job.updatedAt.getTime() >= IMPORT_JOB_STALE_MS;
  const view: ImportJobView = {
    id: job.id, status: job.status, format: job.format, rowsTotal: job.rowsTotal, rowsRead: job.rowsRead, created: job.created,
    skipped: job.skipped, warnings: job.warnings, errors: job.errors,
    startedAt: job.startedAt.toISOString(), finishedAt: job.finishedAt?.toISOString() ?? null, failure: job.failure,
    report: job.status === 'running' ? null : report,
  };
  if (!stale) return view;
  return {
    ...view,
    status: 'failed',
    finishedAt: job.updatedAt.toISOString(),
    failure: `The import stopped after ${job.rowsRead} of ${job.rowsTotal} rows (the service restarted); ${job.created} contacts were created. ` +
      'Import the file again: rows whose email already exists are skipped.',
  };
}

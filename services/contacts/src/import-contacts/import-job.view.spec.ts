import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ImportJob } from './import-job.repository';
import { toImportJobView } from './import-job.view';

const T0 = new Date('2026-12-03T15:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const running: ImportJob = {
  _id: 't1|j1', tenantId: 't1', id: 'j1', status: 'running', format: 'csv', rowsTotal: 3000, rowsRead: 1500, created: 1400,
  skipped: 100, warnings: 2, errors: 0, issueChunks: 0, startedAt: T0, updatedAt: at(60_000), finishedAt: null, failure: null,
};
const REPORT = { created: 1400, skipped: [], warnings: [], errors: [] };

describe('how an import job reads', () => {
  it('shows a running job\'s progress and no report yet', () => {
    const v = toImportJobView(running, REPORT, at(90_000));
    assert.deepEqual(
      [v.id, v.status, v.rowsTotal, v.rowsRead, v.created, v.skipped, v.warnings, v.errors, v.startedAt, v.finishedAt, v.failure, v.report],
      ['j1', 'running', 3000, 1500, 1400, 100, 2, 0, '2026-12-03T15:00:00.000Z', null, null, null],
    );
  });

  it('gives the report once the job is done', () => {
    const done: ImportJob = { ...running, status: 'done', rowsRead: 3000, finishedAt: at(120_000), updatedAt: at(120_000) };
    const v = toImportJobView(done, REPORT, at(24 * 3600_000));
    assert.equal(v.status, 'done');
    assert.equal(v.finishedAt, '2026-12-03T15:02:00.000Z');
    assert.deepEqual(v.report, REPORT);
  });

  it('is still running 4 min 59.999 s after its last progress', () => {
    // last progress at T0 + 60 s; + 299,999 ms < the 300,000 ms limit
    assert.equal(toImportJobView(running, null, at(60_000 + 299_999)).status, 'running');
  });

  it('has failed when its last progress is 5 minutes old: its process died', () => {
    const v = toImportJobView(running, null, at(60_000 + 300_000));
    assert.equal(v.status, 'failed');
    assert.equal(v.finishedAt, '2026-12-03T15:01:00.000Z', 'when it was last seen working');
    assert.match(v.failure ?? '', /after 1500 of 3000 rows .*1400 contacts were created/);
    assert.equal(v.report, null);
  });
});

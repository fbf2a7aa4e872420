import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ImportIssueChunk, ImportJob } from './import-job.repository';
import { CHUNK_ISSUES, ImportJobRecorder, ImportJobStore } from './import-job.recorder';
import type { BatchOutcome } from './import-report';

const T0 = new Date('2026-12-03T15:00:00.000Z');
const newJob = (): ImportJob => ({
  _id: 't1|j1', tenantId: 't1', id: 'j1', status: 'running', format: 'csv', rowsTotal: 1500, rowsRead: 0, created: 0,
  skipped: 0, warnings: 0, errors: 0, issueChunks: 0, startedAt: T0, updatedAt: T0, finishedAt: null, failure: null,
});

/** Keeps what the recorder writes, as the repository would. */
function memoryStore() {
  const saved: ImportJob[] = [];
  const chunks: Array<Omit<ImportIssueChunk, '_id'> & { n: number }> = [];
  const store: ImportJobStore = {
    save: async (job) => { saved.push(structuredClone(job)); },
    addIssues: async (job, chunk) => { chunks.push({ n: job.issueChunks, ...structuredClone(chunk) }); },
  };
  return { store, saved, chunks };
}

const skips = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ line: from + i, reason: 'a contact with email … already exists' }));
const batch = (rowsRead: number, created: number, skipped: BatchOutcome['skipped']): BatchOutcome => ({ rowsRead, created, skipped, warnings: [], errors: [] });

describe('recording a running import job', () => {
  it('writes the counts after every batch', async () => {
    const { store, saved } = memoryStore();
    const rec = new ImportJobRecorder(store, newJob());
    await rec.record(batch(500, 480, skips(2, 20)), new Date(T0.getTime() + 1000));
    await rec.record(batch(500, 500, []), new Date(T0.getTime() + 2000));
    // 480 + 500 = 980 created, 20 skipped, 500 + 500 = 1000 rows read
    assert.deepEqual(saved.map((j) => [j.rowsRead, j.created, j.skipped, j.updatedAt.toISOString()]), [
      [500, 480, 20, '2026-12-03T15:00:01.000Z'],
      [1000, 980, 20, '2026-12-03T15:00:02.000Z'],
    ]);
  });

  it('writes the report\'s lines in chunks of about a thousand, never all at the end', async () => {
    const { store, chunks, saved } = memoryStore();
    const rec = new ImportJobRecorder(store, newJob());
    // 3 batches of 500 skipped rows: 500 kept, then 1,000 written as chunk 0, then 500 kept
    await rec.record(batch(500, 0, skips(2, 500)));
    assert.equal(chunks.length, 0);
    await rec.record(batch(500, 0, skips(502, 500)));
    assert.deepEqual(chunks.map((c) => [c.n, c.skipped.length, c.skipped[0]?.line, c.skipped.at(-1)?.line]), [[0, CHUNK_ISSUES, 2, 1001]]);
    await rec.record(batch(500, 0, skips(1002, 500)));
    await rec.finish('done', null, new Date(T0.getTime() + 5000));
    // the last 500 are written when the job finishes, as chunk 1
    assert.deepEqual(chunks.map((c) => [c.n, c.skipped.length]), [[0, 1000], [1, 500]]);
    const last = saved.at(-1);
    assert.deepEqual([last?.status, last?.issueChunks, last?.skipped, last?.finishedAt?.toISOString()], ['done', 2, 1500, '2026-12-03T15:00:05.000Z']);
  });

  it('records why a job failed', async () => {
    const { store, saved } = memoryStore();
    const rec = new ImportJobRecorder(store, newJob());
    await rec.finish('failed', 'The import stopped after 0 rows');
    assert.deepEqual([saved.at(-1)?.status, saved.at(-1)?.failure, saved.at(-1)?.issueChunks], ['failed', 'The import stopped after 0 rows', 0]);
  });
});

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ImportReportBuilder } from './import-report';

describe('an import report gathered from batches', () => {
  it('adds up what was created and lists every issue by line', () => {
    const report = new ImportReportBuilder();
    report.add({ skipped: [], warnings: [{ line: 1, message: 'Columns not imported: Notes.' }], errors: [] });
    report.add({ created: 2, skipped: [{ line: 9, reason: 'b' }, { line: 4, reason: 'a' }], warnings: [{ line: 7, message: 'w7' }], errors: [] });
    report.add({ created: 3, skipped: [{ line: 12, reason: 'c' }], warnings: [], errors: [{ line: 11, message: 'e11' }] });
    report.add({ skipped: [], warnings: [{ line: 1, message: 'This looks like an invoice export' }], errors: [] });
    const built = report.build();
    // 2 + 3 = 5 created
    assert.equal(built.created, 5);
    assert.deepEqual(built.skipped.map((s) => s.line), [4, 9, 12]);
    // the two notes about the file (line 1) keep the order they were found in
    assert.deepEqual(built.warnings.map((w) => w.message), ['Columns not imported: Notes.', 'This looks like an invoice export', 'w7']);
    assert.deepEqual(built.errors, [{ line: 11, message: 'e11' }]);
  });
});

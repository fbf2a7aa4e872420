import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isStoreUnavailable, isTransientWriteError, retryTransientWrite } from './transient-write';

// The message FerretDB gives (seen on a bulk insert under load).
const busy = new Error('[msg_insert.go:168 handler.(*Handler).MsgInsert] [db.go:134 fsql.(*DB).InTransaction] database is locked (5) (SQLITE_BUSY)');

describe('retryTransientWrite', () => {
  it('tells a busy database from other failures', () => {
    assert.equal(isTransientWriteError(busy), true);
    assert.equal(isTransientWriteError(Object.assign(new Error('E11000 duplicate key'), { code: 11000 })), false);
  });

  it('sends a write again while the database is busy, up to the number of attempts', async () => {
    let calls = 0;
    // fails twice, then succeeds on the 3rd of 5 attempts
    assert.equal(await retryTransientWrite(async () => { calls++; if (calls < 3) throw busy; return 'done'; }, 5, 1), 'done');
    assert.equal(calls, 3);
    calls = 0;
    await assert.rejects(() => retryTransientWrite(async () => { calls++; throw busy; }, 2, 1), /SQLITE_BUSY/);
    assert.equal(calls, 2, 'gives up after 2 attempts');
  });

  it('never repeats a write that failed for another reason', async () => {
    let calls = 0;
    await assert.rejects(() => retryTransientWrite(async () => { calls++; throw new Error('validation failed'); }, 5, 1), /validation failed/);
    assert.equal(calls, 1);
  });
});

describe('isStoreUnavailable', () => {
  // Shaped as the driver throws them while FerretDB is down (seen in a service's log).
  const named = (name: string, message: string, cause?: unknown) => Object.assign(new Error(message, { cause }), { name });
  it('knows a database that cannot be reached, also behind a bulk write error or a cause', () => {
    assert.equal(isStoreUnavailable(named('MongoServerSelectionError', 'connect ECONNREFUSED 127.0.0.1:27017')), true);
    assert.equal(isStoreUnavailable(named('MongoBulkWriteError', 'connect ECONNREFUSED 127.0.0.1:28417')), true);
    assert.equal(isStoreUnavailable(named('MongoNetworkError', 'connection 4 to 127.0.0.1:27017 closed')), true);
    assert.equal(isStoreUnavailable(named('MongoBulkWriteError', 'connection 85 to 127.0.0.1:27017 closed')), true);
    assert.equal(isStoreUnavailable(Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' })), true);
    assert.equal(isStoreUnavailable(new Error('could not apply', { cause: named('MongoNotConnectedError', 'Client must be connected') })), true);
  });
  it('leaves every other failure alone', () => {
    assert.equal(isStoreUnavailable(busy), false);
    assert.equal(isStoreUnavailable(named('MongoServerError', 'E11000 duplicate key error')), false);
    assert.equal(isStoreUnavailable(new RangeError('unknown time zone Mars/Base')), false);
    assert.equal(isStoreUnavailable('ECONNREFUSED'), false); // not an Error
  });
});

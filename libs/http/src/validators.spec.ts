import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isCalendarDate, isInstant, isLanguageTag, isMonthDay, isTimeZone } from './validators';

describe('shared validators', () => {
  it('accepts only calendar dates that exist', () => {
    assert.equal(isCalendarDate('2028-02-29'), true); // 2028 is a leap year
    assert.equal(isCalendarDate('2027-02-29'), false);
    assert.equal(isCalendarDate('2026-02-31'), false);
    assert.equal(isCalendarDate('2026-13-01'), false);
    assert.equal(isCalendarDate('0001-01-01'), false);
    assert.equal(isCalendarDate('2026-1-01'), false);
  });
  it('accepts instants with an offset whose date and time exist, never rolled over', () => {
    assert.equal(isInstant('2027-03-31T23:30:00-04:00'), true);
    assert.equal(isInstant('2027-04-01T03:30:00.000Z'), true);
    assert.equal(isInstant('2027-04-01T03:30Z'), true);
    assert.equal(isInstant('2026-02-31T10:00:00-05:00'), false); // Date.parse gives March 3
    assert.equal(isInstant('2026-02-30T00:00:00Z'), false);
    assert.equal(isInstant('2026-04-01T24:00:00Z'), false);
    assert.equal(isInstant('2026-04-01T10:00:00'), false); // no offset
    assert.equal(isInstant('9999-01-01T00:00:00Z'), false);
  });
  it('knows time zones, language tags and month-days', () => {
    assert.equal(isTimeZone('America/Toronto'), true);
    assert.equal(isTimeZone('Mars/Base'), false);
    assert.equal(isLanguageTag('fr-CA'), true);
    assert.equal(isLanguageTag('français'), false);
    assert.equal(isMonthDay('02-29'), true);
    assert.equal(isMonthDay('02-30'), false);
  });
});

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { daysBetween, fiscalYearOf, fiscalYearRange, localDate } from './fiscal-year';

const TORONTO = 'America/Toronto';

describe('fiscalYearRange', () => {
  it('FY 2026 starting 04-01 in Toronto runs 2026-04-01..2027-03-31, local midnights in EDT', () => {
    // 1 April is after the March DST change both years: EDT = UTC−4, so local 00:00 = 04:00Z
    assert.deepEqual(fiscalYearRange('04-01', TORONTO, 2026), {
      fiscalYear: 2026,
      from: '2026-04-01',
      to: '2027-03-31',
      startUtc: '2026-04-01T04:00:00.000Z',
      endUtcExclusive: '2027-04-01T04:00:00.000Z',
    });
  });

  it('FY 2025 starting 07-01 runs 2025-07-01..2026-06-30', () => {
    assert.deepEqual(fiscalYearRange('07-01', TORONTO, 2025), {
      fiscalYear: 2025,
      from: '2025-07-01',
      to: '2026-06-30',
      startUtc: '2025-07-01T04:00:00.000Z', // EDT, UTC−4
      endUtcExclusive: '2026-07-01T04:00:00.000Z',
    });
  });

  it('a calendar fiscal year starts in winter time, and east of UTC the day starts the evening before', () => {
    // 1 January in Toronto is EST = UTC−5
    const toronto = fiscalYearRange('01-01', TORONTO, 2026);
    assert.equal(toronto.to, '2026-12-31');
    assert.equal(toronto.startUtc, '2026-01-01T05:00:00.000Z');
    assert.equal(toronto.endUtcExclusive, '2027-01-01T05:00:00.000Z');
    // Tokyo is UTC+9: 2026-04-01 00:00 local = 2026-03-31 15:00Z
    assert.equal(fiscalYearRange('04-01', 'Asia/Tokyo', 2026).startUtc, '2026-03-31T15:00:00.000Z');
  });

  it('a 02-29 start falls on 03-01 in common years, so years still meet without gap or overlap', () => {
    // 2024 is a leap year; 2025 is not, so FY 2025 starts 2025-03-01 and FY 2024 ends the day before
    assert.deepEqual(
      [fiscalYearRange('02-29', 'UTC', 2024).from, fiscalYearRange('02-29', 'UTC', 2024).to],
      ['2024-02-29', '2025-02-28'],
    );
    // FY 2027 starts 2027-03-01; FY 2028 starts 2028-02-29 (leap), so FY 2027 ends 2028-02-28
    assert.deepEqual(
      [fiscalYearRange('02-29', 'UTC', 2027).from, fiscalYearRange('02-29', 'UTC', 2027).to],
      ['2027-03-01', '2028-02-28'],
    );
    assert.equal(fiscalYearOf('2025-02-28T12:00:00Z', '02-29', 'UTC'), 2024);
    assert.equal(fiscalYearOf('2025-03-01T00:00:00Z', '02-29', 'UTC'), 2025);
  });

  it('refuses a malformed start, an impossible date, an unknown zone and a fractional year', () => {
    assert.throws(() => fiscalYearRange('13-01', TORONTO, 2026), RangeError);
    assert.throws(() => fiscalYearRange('02-30', TORONTO, 2026), RangeError);
    assert.throws(() => fiscalYearRange('4-1', TORONTO, 2026), RangeError);
    assert.throws(() => fiscalYearRange('04-01', 'Mars/Olympus', 2026), RangeError);
    assert.throws(() => fiscalYearRange('04-01', TORONTO, 2026.5), RangeError);
  });
});

describe('fiscalYearOf', () => {
  it('reads the instant in the tenant time zone (04-01 start)', () => {
    // 2027-04-01T03:30Z = 2027-03-31 23:30 EDT: still the last day of FY 2026
    assert.equal(fiscalYearOf('2027-04-01T03:30:00Z', '04-01', TORONTO), 2026);
    // 2027-04-01T04:00Z = 2027-04-01 00:00 EDT: first instant of FY 2027
    assert.equal(fiscalYearOf('2027-04-01T04:00:00Z', '04-01', TORONTO), 2027);
    // 2026-04-01T03:59:59Z = 2026-03-31 23:59:59 EDT: FY 2025
    assert.equal(fiscalYearOf('2026-04-01T03:59:59Z', '04-01', TORONTO), 2025);
    assert.equal(fiscalYearOf(new Date('2026-12-31T12:00:00Z'), '04-01', TORONTO), 2026);
  });

  it('with a 07-01 start, June belongs to the year that began the July before', () => {
    assert.equal(fiscalYearOf('2026-06-30T12:00:00Z', '07-01', TORONTO), 2025);
    // 2026-07-01T03:00Z = 2026-06-30 23:00 EDT
    assert.equal(fiscalYearOf('2026-07-01T03:00:00Z', '07-01', TORONTO), 2025);
    assert.equal(fiscalYearOf('2026-07-01T04:00:00Z', '07-01', TORONTO), 2026);
  });
});

describe('localDate and daysBetween', () => {
  it('gives the calendar date in the zone, honouring an input offset', () => {
    // 04:59Z on 1 March = 23:59 EST on 28 February
    assert.equal(localDate('2026-03-01T04:59:00Z', TORONTO), '2026-02-28');
    assert.equal(localDate('2026-03-01T05:00:00Z', TORONTO), '2026-03-01');
    // 00:30+01:00 = 2026-02-28T23:30Z = 18:30 EST on the 28th
    assert.equal(localDate('2026-03-01T00:30:00+01:00', TORONTO), '2026-02-28');
    assert.equal(localDate(new Date('2026-03-01T04:59:00Z'), TORONTO), '2026-02-28');
    assert.throws(() => localDate('not a date', TORONTO), RangeError);
  });

  it('counts calendar days, across month ends, leap days and DST changes', () => {
    // 10 Jan → 1 Mar: 21 days to 31 Jan + 28 in February + 1 = 50
    assert.equal(daysBetween('2026-01-10', '2026-03-01'), 50);
    // 2024 is leap: 28 Feb → 29 Feb → 1 Mar = 2
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    // DST starts 2026-03-08 in Toronto; calendar days are still 2
    assert.equal(daysBetween('2026-03-07', '2026-03-09'), 2);
    assert.equal(daysBetween('2026-03-01', '2026-02-27'), -2);
    assert.equal(daysBetween('2026-06-30', '2026-06-30'), 0);
    assert.throws(() => daysBetween('2026-02-30', '2026-03-01'), RangeError);
  });
});

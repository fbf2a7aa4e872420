// Calendars of reporting: fiscal years, local dates and day counts, all in the tenant's time zone.
import { DateTime, IANAZone } from 'luxon';

export interface FiscalYearRange {
  fiscalYear: number;
  /** First local date of the fiscal year (YYYY-MM-DD). */
  from: string;
  /** Last local date: the day before the next fiscal year starts. */
  to: string;
  /** Local midnight of `from`, as a UTC ISO instant. */
  startUtc: string;
  /** Local midnight of the next fiscal year's first date, as a UTC ISO instant. */
  endUtcExclusive: string;
}

/** An instant: an ISO 8601 string (UTC when it carries no offset) or a Date. */
export type Instant = string | Date;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const MONTH_DAY_RE = /^(\d{2})-(\d{2})$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

// Checking a zone builds an Intl.DateTimeFormat (a few hundred microseconds): each answer is kept,
// as every summary and statement asks about its tenant's zone.
const zoneChecks = new Map<string, boolean>();

function assertZone(timezone: string): void {
  let valid = zoneChecks.get(timezone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(timezone);
    if (zoneChecks.size < 1_000) zoneChecks.set(timezone, valid);
  }
  if (!valid) throw new RangeError(`unknown time zone ${timezone}`);
}

function parseMonthDay(fiscalYearStart: string): { month: number; day: number } {
  const m = MONTH_DAY_RE.exec(fiscalYearStart);
  const month = m ? Number(m[1]) : 0;
  const day = m ? Number(m[2]) : 0;
  // 2000 is a leap year, so 02-29 is accepted here and resolved per year in startDateOf.
  if (!m || !DateTime.fromObject({ year: 2000, month, day }, { zone: 'utc' }).isValid) {
    throw new RangeError(`fiscalYearStart must be a valid "MM-DD", got "${fiscalYearStart}"`);
  }
  return { month, day };
}

// A 02-29 start falls on 03-01 in common years (the day after 28 February), so every fiscal
// year still ends the day before the next one starts: no gap, no overlap, 365 or 366 days.
function startDateOf(fiscalYearStart: string, year: number): CalendarDate {
  if (!Number.isSafeInteger(year) || year < 1 || year > 9998) throw new RangeError(`invalid fiscal year ${year}`);
  const { month, day } = parseMonthDay(fiscalYearStart);
  if (month === 2 && day === 29 && !DateTime.fromObject({ year }, { zone: 'utc' }).isInLeapYear) {
    return { year, month: 3, day: 1 };
  }
  return { year, month, day };
}

function isoDate(d: CalendarDate): string {
  return DateTime.fromObject(d, { zone: 'utc' }).toISODate() as string;
}

// Local midnight; where midnight does not exist (a DST jump at 00:00) luxon moves forward to
// the first instant of that day, which is what a day's start means there.
function localMidnightUtc(d: CalendarDate, timezone: string): string {
  return DateTime.fromObject(d, { zone: timezone }).toUTC().toISO() as string;
}

function toDateTime(instant: Instant): DateTime {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant);
  if (!dt.isValid) throw new RangeError(`invalid instant ${String(instant)}`);
  return dt;
}

/** Milliseconds since the epoch of an ISO instant or Date; throws RangeError when invalid. */
export function instantMillis(instant: Instant): number {
  return toDateTime(instant).toMillis();
}

/** Fiscal year `year` in the tenant's calendar: it starts on `fiscalYearStart` ("MM-DD") of calendar year `year`. */
export function fiscalYearRange(fiscalYearStart: string, timezone: string, year: number): FiscalYearRange {
  assertZone(timezone);
  const start = startDateOf(fiscalYearStart, year);
  const next = startDateOf(fiscalYearStart, year + 1);
  const lastDay = DateTime.fromObject(next, { zone: 'utc' }).minus({ days: 1 });
  return {
    fiscalYear: year,
    from: isoDate(start),
    to: lastDay.toISODate() as string,
    startUtc: localMidnightUtc(start, timezone),
    endUtcExclusive: localMidnightUtc(next, timezone),
  };
}

/** The fiscal year an instant belongs to, read in the tenant's time zone. */
export function fiscalYearOf(instant: Instant, fiscalYearStart: string, timezone: string): number {
  const date = localDate(instant, timezone);
  const year = Number(date.slice(0, 4));
  return date >= isoDate(startDateOf(fiscalYearStart, year)) ? year : year - 1;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Instant, timezone: string): string {
  assertZone(timezone);
  return toDateTime(instant).setZone(timezone).toISODate() as string;
}

function parseDate(date: string): DateTime {
  const dt = DATE_RE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : null;
  if (!dt || !dt.isValid) throw new RangeError(`invalid date "${date}", expected YYYY-MM-DD`);
  return dt;
}

/** Calendar days from `fromDate` to `toDate` (YYYY-MM-DD), negative when `toDate` is earlier. */
export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round(parseDate(toDate).diff(parseDate(fromDate), 'days').days);
}

/** True when `date` is a valid YYYY-MM-DD calendar date. */
export function isCalendarDate(date: string): boolean {
  return DATE_RE.test(date) && DateTime.fromISO(date, { zone: 'utc' }).isValid;
}

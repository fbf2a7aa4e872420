// Instants and calendar dates for billing decisions, with luxon so time zones follow the IANA rules.
import { DateTime, IANAZone } from 'luxon';
import { BillingError } from './billing.error';

// An instant must name its offset: without one, its meaning would depend on the server's zone.
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO 8601 instant with offset, returned as the UTC string the events store. */
export function utcInstant(value: string, field: string): string {
  const dt = INSTANT_RE.test(value) ? DateTime.fromISO(value, { setZone: true }) : null;
  if (!dt?.isValid) throw new BillingError('INVALID_INPUT', `${field} must be an ISO 8601 instant with an offset`, field);
  return dt.toUTC().toISO();
}

/** A `YYYY-MM-DD` calendar date that exists. */
export function calendarDate(value: string, field: string): string {
  if (!DATE_RE.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid) {
    throw new BillingError('INVALID_INPUT', `${field} must be a date such as 2027-04-30`, field);
  }
  return value;
}

/** The calendar date of `instant` in `timezone`, plus `days` calendar days. */
export function localDatePlusDays(instant: string, timezone: string, days: number): string {
  // The zone and the terms come from the tenant's and contact's validated settings: a bad one is a bug.
  if (!IANAZone.isValidZone(timezone)) throw new RangeError(`invalid time zone ${timezone}`);
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`invalid payment terms ${days}`);
  const local = DateTime.fromISO(instant, { zone: timezone });
  if (!local.isValid) throw new RangeError(`invalid instant ${instant}`);
  // Calendar arithmetic on the local date, so a DST change in between moves no day.
  return local.startOf('day').plus({ days }).toISODate();
}

/** Milliseconds since the epoch, to order instants written with different offsets. */
export function instantMillis(instant: string): number {
  return DateTime.fromISO(instant, { setZone: true }).toMillis();
}

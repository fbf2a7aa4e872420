import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCurrencyCode } from '@carnet/money';

function rule(name: string, test: (v: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({ name, target: target.constructor, propertyName, options: { message: `${propertyName} ${message}`, ...options }, validator: { validate: test } });
}

export function isTimeZone(v: unknown): boolean {
  if (typeof v !== 'string' || !v) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return v.includes('/') || v === 'UTC';
  } catch {
    return false;
  }
}

export function isLanguageTag(v: unknown): boolean {
  if (typeof v !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(v)) return false;
  try {
    return Intl.getCanonicalLocales(v).length === 1;
  } catch {
    return false;
  }
}

export const isMonthDay = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
};

/** ISO 4217 code of real money, upper case. */
export const IsCurrency = rule('isCurrency', isCurrencyCode, 'must be an ISO 4217 currency code such as CAD');
/** `#RRGGBB` */
export const IsHexColor = rule('isHexColor', (v) => typeof v === 'string' && /^#[0-9A-Fa-f]{6}$/.test(v), 'must be a colour written #RRGGBB');
/** BCP 47 language tag: fr, en, fr-CA… */
export const IsLanguageTag = rule('isLanguageTag', isLanguageTag, 'must be a BCP 47 language tag such as fr or fr-CA');
/** IANA time zone such as America/Toronto. */
export const IsTimeZone = rule('isTimeZone', isTimeZone, 'must be an IANA time zone such as America/Toronto');
/** "MM-DD" that exists in a leap year. */
export const IsMonthDay = rule('isMonthDay', isMonthDay, 'must be a month and day written MM-DD');
/** A decimal amount as a string or a number; the currency's digits are checked by the handler. */
export const IsAmount = rule('isAmount', (v) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) || (typeof v === 'number' && Number.isFinite(v) && v >= 0), 'must be a non-negative decimal amount such as "12.50"');
/** A calendar date YYYY-MM-DD that exists. */
export const IsCalendarDate = rule('isCalendarDate', (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v + 'T00:00:00Z')) && new Date(v + 'T00:00:00Z').toISOString().startsWith(v), 'must be a date written YYYY-MM-DD');
/** An ISO 8601 instant with a time zone offset. */
export const IsInstant = rule('isInstant', (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 instant with an offset, e.g. 2027-03-31T23:30:00-04:00');

import { Transform } from 'class-transformer';
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

/**
 * A valid zone in its canonical IANA spelling (`america/toronto` → `America/Toronto`, a link such
 * as `US/Eastern` → `America/New_York`), so that settings and reports show one name per zone;
 * anything else is left as sent, for IsTimeZone to refuse.
 */
export function canonicalTimeZone(v: unknown): unknown {
  return isTimeZone(v) ? new Intl.DateTimeFormat('en', { timeZone: v as string }).resolvedOptions().timeZone : v;
}
export const CanonicalTimeZone = () => Transform(({ value }) => canonicalTimeZone(value));
/** "MM-DD" that exists in a leap year. */
export const IsMonthDay = rule('isMonthDay', isMonthDay, 'must be a month and day written MM-DD');
/** A decimal amount as a string or a number; the currency's digits are checked by the handler. */
export const IsAmount = rule('isAmount', (v) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) || (typeof v === 'number' && Number.isFinite(v) && v >= 0), 'must be a non-negative decimal amount such as "12.50"');
/** True for a YYYY-MM-DD date that exists (no 02-30), years 1900–2999. */
export function isCalendarDate(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2999 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for an ISO 8601 instant with an offset whose date and time exist (Date.parse would roll 02-31 over). */
export function isInstant(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/.exec(v);
  if (!m || !isCalendarDate(m[1])) return false;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  const offsetOk = m[5] === 'Z' || (Number(m[6]) <= 14 && Number(m[7]) < 60);
  return h < 24 && min < 60 && sec < 60 && offsetOk && !Number.isNaN(Date.parse(v));
}

/** A calendar date YYYY-MM-DD that exists. */
export const IsCalendarDate = rule('isCalendarDate', isCalendarDate, 'must be a date written YYYY-MM-DD');
/** An ISO 8601 instant with a time zone offset. */
export const IsInstant = rule('isInstant', isInstant, 'must be an ISO 8601 instant with an offset, e.g. 2027-03-31T23:30:00-04:00');

// C0 and C1 control characters and DEL; a multi-line field keeps tab, line feed and carriage return.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// A surrogate without its pair is not text (JSON "\ud800" parses to one); it breaks UTF-8 output.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// What renders as nothing: controls, format characters (zero-width space, joiners, BOM, soft hyphen),
// separators, combining marks on their own, and the blank letters Hangul and Braille define.
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Z}\p{M}\s\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** True for a string of well-formed Unicode with no control characters (tab and line breaks allowed when multi-line). */
export function isPlainText(v: unknown, multiline = false): boolean {
  return typeof v === 'string' && !(multiline ? CONTROL_BUT_LINES : CONTROL).test(v) && !LONE_SURROGATE.test(v);
}

/**
 * True for a string with at least one character that shows. An empty string passes: saying it is
 * too short is the length rule's job, and one message per problem is enough.
 */
export const hasVisibleText = (v: unknown): boolean => typeof v === 'string' && (v === '' || !INVISIBLE.test(v));

/** One-line text: no control characters, no broken Unicode. */
export const IsPlainText = rule('isPlainText', (v) => isPlainText(v), 'must not contain control characters or unpaired surrogates');
/** Multi-line text (notes): tab and line breaks allowed, other control characters and broken Unicode refused. */
export const IsPlainMultilineText = rule('isPlainMultilineText', (v) => isPlainText(v, true), 'must not contain control characters other than tabs and line breaks, nor unpaired surrogates');
/** At least one visible character: a name made only of zero-width or blank characters is no name. */
export const HasVisibleText = rule('hasVisibleText', hasVisibleText, 'must contain at least one visible character');

// Money as integer minor units (a JS integer, exact up to 2^53) with API.md's rules:
// half away from zero; line = round(qty × price); tax = round(sum of taxed lines × rate).
import { currencyExponent } from './currency';
import { Decimal, divRoundHalfAwayFromZero, formatScaled, numberToDecimalString, parseDecimal, pow10, roundDecimal } from './decimal';

/** Thrown for input that is not a valid amount, quantity or rate; `message` is for the user. */
export class InvalidNumberError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNumberError';
  }
}

/**
 * The largest amount Carnet accepts in one field or document, in minor units (100 billion in a
 * two-decimal currency). Sums of many such amounts stay far below 2^53, so integer arithmetic on
 * JS numbers remains exact everywhere.
 */
export const MAX_AMOUNT_MINOR = 10 ** 13;

export interface ParseOptions {
  /** Accept negative amounts (default false). */
  allowNegative?: boolean;
  /** Accept zero (default true). */
  allowZero?: boolean;
}

function toDecimal(input: unknown, what: string): Decimal {
  const text = typeof input === 'number' ? numberToDecimalString(input) : typeof input === 'string' ? input : null;
  const d = text === null ? null : parseDecimal(text);
  if (!d) throw new InvalidNumberError(`${what} must be a decimal number such as "12.50"`);
  return d;
}

function toSafeNumber(units: bigint, what: string): number {
  if (units > BigInt(Number.MAX_SAFE_INTEGER) || units < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InvalidNumberError(`${what} is too large`);
  }
  return Number(units);
}

/** Parses an API amount (string or number) into minor units of `currency`. */
export function parseMoney(input: unknown, currency: string, opts: ParseOptions = {}): number {
  const exp = currencyExponent(currency);
  const d = toDecimal(input, 'amount');
  if (d.scale > exp) {
    throw new InvalidNumberError(`amount has more than ${exp} decimal digit${exp === 1 ? '' : 's'}, the most ${currency} allows`);
  }
  if (d.units < 0n && !opts.allowNegative) throw new InvalidNumberError('amount must not be negative');
  if (d.units === 0n && opts.allowZero === false) throw new InvalidNumberError('amount must be greater than zero');
  const minor = d.units * pow10(exp - d.scale);
  if (minor > BigInt(MAX_AMOUNT_MINOR) || minor < -BigInt(MAX_AMOUNT_MINOR)) {
    throw new InvalidNumberError(`amount is larger than Carnet accepts (at most ${formatScaled(BigInt(MAX_AMOUNT_MINOR), exp)} ${currency})`);
  }
  return Number(minor);
}

/** Formats minor units as the API's decimal string with exactly the currency's digits. */
export function formatMoney(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an integer amount: ${minor}`);
  return formatScaled(BigInt(minor), currencyExponent(currency));
}

/** A validated decimal quantity (fractional hours are normal), kept as its exact string. */
export function parseQuantity(input: unknown, maxScale = 6): string {
  const d = toDecimal(input, 'quantity');
  if (d.scale > maxScale) throw new InvalidNumberError(`quantity has more than ${maxScale} decimal digits`);
  if (d.units <= 0n) throw new InvalidNumberError('quantity must be greater than zero');
  return formatScaled(d.units, d.scale);
}

/** A validated percent rate string with at most 3 decimals ("5", "9.975"), 0–100. */
export function parsePercent(input: unknown): string {
  const d = toDecimal(input, 'rate');
  if (d.scale > 3) throw new InvalidNumberError('rate has more than 3 decimal digits');
  if (d.units < 0n || d.units > 100n * pow10(d.scale)) throw new InvalidNumberError('rate must be between 0 and 100');
  return formatScaled(d.units, d.scale);
}

/** A positive exchange rate (home currency per unit of the document's currency). */
export function parseExchangeRate(input: unknown): string {
  const d = toDecimal(input, 'exchangeRate');
  if (d.scale > 10) throw new InvalidNumberError('exchangeRate has more than 10 decimal digits');
  if (d.units <= 0n) throw new InvalidNumberError('exchangeRate must be greater than zero');
  return formatScaled(d.units, d.scale);
}

function mustDecimal(s: string): Decimal {
  const d = parseDecimal(s);
  if (!d) throw new InvalidNumberError(`not a decimal: ${s}`);
  return d;
}

/** round(quantity × unitPrice), both exact; result in the price's minor units. */
export function lineAmount(quantity: string, unitPriceMinor: number): number {
  const q = mustDecimal(quantity);
  const product = q.units * BigInt(unitPriceMinor);
  return toSafeNumber(divRoundHalfAwayFromZero(product, pow10(q.scale)), 'line amount');
}

/** round(baseMinor × percent / 100): one tax over the sum of the lines that carry it. */
export function percentOf(baseMinor: number, percent: string): number {
  const r = mustDecimal(percent);
  const product = BigInt(baseMinor) * r.units;
  return toSafeNumber(divRoundHalfAwayFromZero(product, 100n * pow10(r.scale)), 'tax amount');
}

/** Converts an amount to the home currency: round(amount × rate), across currency exponents. */
export function convertMinor(minor: number, from: string, rate: string, to: string): number {
  const r = mustDecimal(rate);
  const fromExp = currencyExponent(from);
  const toExp = currencyExponent(to);
  // minor / 10^fromExp × rate × 10^toExp, rounded once
  const num = BigInt(minor) * r.units * pow10(toExp);
  return toSafeNumber(divRoundHalfAwayFromZero(num, pow10(r.scale + fromExp)), 'converted amount');
}

/** part ÷ whole as a percent string with `digits` decimals ("37.50"); null when whole is 0. */
export function percentString(part: number, whole: number, digits = 2): string | null {
  if (whole === 0) return null;
  const scaled = divRoundHalfAwayFromZero(BigInt(part) * 100n * pow10(digits), BigInt(whole));
  return formatScaled(scaled, digits);
}

/** Mean of integers rounded half away from zero to one decimal, as a JSON number; null when empty. */
export function meanOneDecimal(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + BigInt(b), 0n);
  const tenths = divRoundHalfAwayFromZero(sum * 10n, BigInt(values.length));
  return Number(formatScaled(tenths, 1));
}

export { roundDecimal };

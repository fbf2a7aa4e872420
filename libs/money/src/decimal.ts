// Exact decimal arithmetic on scaled BigInts: amounts, quantities and rates never touch binary floats.

/** A decimal number as `units / 10^scale`. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string ("12", "-0.5", "2.25"). Returns null when it is not one. */
export function parseDecimal(input: string): Decimal | null {
  const m = DECIMAL_RE.exec(input.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const units = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n);
  return { units, scale: frac.length };
}

/** Converts a JSON number to its shortest exact decimal string, refusing NaN, Infinity and exponents. */
export function numberToDecimalString(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const s = String(n);
  if (/e/i.test(s)) return null;
  return s;
}

/** Divides a by b (b > 0), rounding half away from zero. */
export function divRoundHalfAwayFromZero(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('divisor must be positive');
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = abs / b;
  const r = abs % b;
  const rounded = r * 2n >= b ? q + 1n : q;
  return neg ? -rounded : rounded;
}

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Rounds `d` to `scale` digits, half away from zero. */
export function roundDecimal(d: Decimal, scale: number): bigint {
  if (d.scale <= scale) return d.units * pow10(scale - d.scale);
  return divRoundHalfAwayFromZero(d.units, pow10(d.scale - scale));
}

/** Formats `units / 10^scale` with exactly `scale` fraction digits. */
export function formatScaled(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return (neg ? '-' : '') + int + (scale > 0 ? '.' + frac : '');
}

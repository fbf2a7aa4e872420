// ISO 4217 currency codes and their minor-unit exponents.

// ISO 4217 exponents other than 2. Node's ICU follows CLDR display digits, which differ from
// ISO 4217 for a few codes, so the exponent comes from this table, not from Intl.
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

// Codes without a minor unit at all (precious metals, testing, SDR, "no currency").
const NOT_MONEY = new Set(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX']);

let known: Set<string> | undefined;

/** True for an active ISO 4217 code that denotes money (upper case, as in the API). */
export function isCurrencyCode(code: unknown): code is string {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code) || NOT_MONEY.has(code)) return false;
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
}

/** Number of minor-unit digits of a currency (CAD 2, JPY 0, KWD 3). */
export function currencyExponent(code: string): number {
  if (!isCurrencyCode(code)) throw new RangeError(`unknown currency ${code}`);
  return EXPONENTS[code] ?? 2;
}

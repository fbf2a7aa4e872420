// An invoice's amounts from its lines and the tenant's taxes, with API.md's rounding: each line is
// round(quantity × unitPrice); each tax is round(sum of the lines carrying it × rate), once per invoice.
import { InvoiceContent, InvoiceLine, InvoiceTax } from '@carnet/events';
import { convertMinor, InvalidNumberError, lineAmount, MAX_AMOUNT_MINOR, parseExchangeRate, parseQuantity, percentOf } from '@carnet/money';
import { BillingError, BillingErrorCode } from './billing.error';
import { calendarDate } from './billing-time';
import { currencyCode, optionalText, requiredText } from './billing-input';

export interface InvoiceLineInput {
  itemId: string | null;
  description: string;
  /** Exact decimal string, e.g. "2.25". */
  quantity: string;
  /** Minor units of the invoice currency (the edge resolves an omitted price from the item and client rate). */
  unitPrice: number;
  taxCodes: string[];
}

export interface TaxDefinition {
  code: string;
  name: string;
  /** Percent string, e.g. "9.975". */
  rate: string;
}

export function computeInvoiceContent(
  input: readonly InvoiceLineInput[],
  taxes: readonly TaxDefinition[],
  currency: string,
  exchangeRate: string | null,
  dueDate: string | null,
  /** When given with an exchange rate, the total converted to it must stay within the cap too. */
  homeCurrency?: string,
): InvoiceContent {
  currencyCode(currency, 'currency');
  if (input.length === 0) throw new BillingError('INVALID_INPUT', 'an invoice needs at least one line', 'lines');
  const taxByCode = new Map(taxes.map((t) => [t.code, t]));
  // Each tax's base, in the order its code first appears on the lines.
  const bases = new Map<string, { tax: TaxDefinition; base: number }>();

  const lines = input.map((line, i): InvoiceLine => {
    const quantity = orInvalid('INVALID_INPUT', `lines[${i}].quantity`, () => parseQuantity(line.quantity));
    if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0) {
      throw new BillingError('INVALID_AMOUNT', 'unitPrice must be a non-negative amount', `lines[${i}].unitPrice`);
    }
    const taxCodes = [...new Set(line.taxCodes)];
    const lineTaxes = taxCodes.map((code) => {
      const tax = taxByCode.get(code);
      if (!tax) throw new BillingError('UNKNOWN_TAX_CODE', `tax code ${code} is not defined`, `lines[${i}].taxCodes`);
      return tax;
    });
    const amount = orInvalid('INVALID_AMOUNT', `lines[${i}]`, () => lineAmount(quantity, line.unitPrice));
    for (const tax of lineTaxes) {
      bases.set(tax.code, { tax, base: (bases.get(tax.code)?.base ?? 0) + amount });
    }
    return {
      itemId: optionalText(line.itemId),
      description: requiredText(line.description, `lines[${i}].description`),
      quantity,
      unitPrice: line.unitPrice,
      amount,
      taxCodes,
    };
  });

  const invoiceTaxes = [...bases.values()].map(
    ({ tax, base }): InvoiceTax => ({ code: tax.code, name: tax.name, rate: tax.rate, amount: percentOf(base, tax.rate) }),
  );
  const subtotal = sum(lines.map((l) => l.amount));
  const total = subtotal + sum(invoiceTaxes.map((t) => t.amount));
  // A total beyond the largest accepted amount could not be summed exactly in reports.
  if (total > MAX_AMOUNT_MINOR) {
    throw new BillingError('INVALID_AMOUNT', `the invoice total is larger than Carnet accepts (at most ${MAX_AMOUNT_MINOR} minor units)`, 'lines');
  }
  const rate = exchangeRate === null ? null : orInvalid('INVALID_INPUT', 'exchangeRate', () => parseExchangeRate(exchangeRate));
  // Reports add invoices up in the home currency: the converted total must fit the cap as well.
  if (rate !== null && homeCurrency) {
    const home = orInvalid('INVALID_AMOUNT', 'exchangeRate', () => convertMinor(total, currency, rate, homeCurrency));
    if (home > MAX_AMOUNT_MINOR) {
      throw new BillingError('INVALID_AMOUNT', `the invoice total converted to ${homeCurrency} is larger than Carnet accepts (at most ${MAX_AMOUNT_MINOR} minor units)`, 'exchangeRate');
    }
  }
  return {
    currency,
    exchangeRate: rate,
    dueDate: dueDate === null ? null : calendarDate(dueDate, 'dueDate'),
    lines,
    taxes: invoiceTaxes,
    subtotal,
    total,
  };
}

// Minor units are integers, so these sums are exact.
function sum(amounts: readonly number[]): number {
  return amounts.reduce((a, b) => a + b, 0);
}

// The money library's messages are written for the user; keep them and add the code and field.
function orInvalid<T>(code: BillingErrorCode, field: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof InvalidNumberError) throw new BillingError(code, e.message, field);
    throw e;
  }
}

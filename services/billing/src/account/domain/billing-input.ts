// Checks shared by the decisions: amounts in minor units, optional texts, invoice look-ups.
import { isCurrencyCode } from '@carnet/money';
import { BillingError } from './billing.error';
import { ClientAccountState, InvoiceState, QuoteState } from './client-account.state';

/** A positive integer of minor units (the edge has already parsed the API's decimal string). */
export function positiveAmount(amount: number, field: string): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new BillingError('INVALID_AMOUNT', `${field} must be greater than zero`, field);
  }
  return amount;
}

export function currencyCode(code: string, field: string): string {
  if (!isCurrencyCode(code)) throw new BillingError('INVALID_INPUT', `${field} must be an ISO 4217 currency code`, field);
  return code;
}

/** Trimmed text, or null: a field with no value is null, never an empty string. */
export function optionalText(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

export function requiredText(value: string, field: string): string {
  const text = optionalText(value);
  if (text === null) throw new BillingError('INVALID_INPUT', `${field} must not be empty`, field);
  return text;
}

export function requireInvoice(state: ClientAccountState, invoiceId: string, field = 'invoiceId'): InvoiceState {
  // An id from another account (or tenant) is reported like an unknown one: 404, nothing leaked.
  const invoice = Object.hasOwn(state.invoices, invoiceId) ? state.invoices[invoiceId] : undefined;
  if (!invoice) throw new BillingError('INVOICE_NOT_FOUND', `invoice ${invoiceId} not found`, field);
  return invoice;
}

export function requireQuote(state: ClientAccountState, quoteId: string): QuoteState {
  const quote = Object.hasOwn(state.quotes, quoteId) ? state.quotes[quoteId] : undefined;
  if (!quote) throw new BillingError('QUOTE_NOT_FOUND', `quote ${quoteId} not found`, 'quoteId');
  return quote;
}

/** The event's exchange rate: none in the home currency, required in any other (API.md). */
export function exchangeRateFor(currency: string, exchangeRate: string | null, homeCurrency: string): string | null {
  if (currency === homeCurrency) return null;
  if (exchangeRate === null) {
    throw new BillingError('EXCHANGE_RATE_REQUIRED', `exchangeRate is required for ${currency} (home currency ${homeCurrency})`, 'exchangeRate');
  }
  return exchangeRate;
}

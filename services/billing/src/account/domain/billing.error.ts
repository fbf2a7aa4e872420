// The billing context's one error class: decisions throw it with a string code, and one HTTP filter
// maps the code to a problem+json status through BILLING_ERROR_STATUS.

export type BillingErrorCode =
  | 'INVOICE_NOT_FOUND'
  | 'QUOTE_NOT_FOUND'
  | 'ITEM_NOT_FOUND'
  | 'ITEM_ALREADY_EXISTS'
  | 'QUOTE_ALREADY_EXISTS'
  | 'QUOTE_NOT_DRAFT'
  | 'QUOTE_NOT_SENT'
  | 'QUOTE_EXPIRED'
  | 'QUOTE_NOT_CONVERTIBLE'
  | 'UNKNOWN_ITEM'
  | 'INVOICE_ALREADY_EXISTS'
  | 'INVOICE_NOT_DRAFT'
  | 'INVOICE_NOT_PAYABLE'
  | 'INVOICE_ALREADY_VOID'
  | 'INVOICE_HAS_PAYMENTS'
  | 'PAYMENT_ALREADY_RECORDED'
  | 'CREDIT_ALREADY_GRANTED'
  | 'UNKNOWN_TAX_CODE'
  | 'EXCHANGE_RATE_REQUIRED'
  | 'CURRENCY_MISMATCH'
  | 'INVALID_AMOUNT'
  | 'AMOUNT_EXCEEDS_OUTSTANDING'
  | 'ALLOCATIONS_MISMATCH'
  | 'INSUFFICIENT_CREDIT'
  | 'INVALID_INPUT';

export const BILLING_ERROR_STATUS: Record<BillingErrorCode, 404 | 409 | 422> = {
  INVOICE_NOT_FOUND: 404,
  QUOTE_NOT_FOUND: 404,
  ITEM_NOT_FOUND: 404,
  // State conflicts: the request is well formed but the invoice, payment or credit is not in a state that allows it.
  INVOICE_ALREADY_EXISTS: 409,
  INVOICE_NOT_DRAFT: 409,
  INVOICE_NOT_PAYABLE: 409,
  INVOICE_ALREADY_VOID: 409,
  INVOICE_HAS_PAYMENTS: 409,
  PAYMENT_ALREADY_RECORDED: 409,
  CREDIT_ALREADY_GRANTED: 409,
  ITEM_ALREADY_EXISTS: 409,
  QUOTE_ALREADY_EXISTS: 409,
  QUOTE_NOT_DRAFT: 409,
  QUOTE_NOT_SENT: 409,
  QUOTE_EXPIRED: 409,
  QUOTE_NOT_CONVERTIBLE: 409,
  // Amounts and validation: API.md answers 422 for invalid input and broken business rules.
  UNKNOWN_TAX_CODE: 422,
  // A line naming an item the tenant does not have: an input error on that line, not a missing resource.
  UNKNOWN_ITEM: 422,
  EXCHANGE_RATE_REQUIRED: 422,
  CURRENCY_MISMATCH: 422,
  INVALID_AMOUNT: 422,
  AMOUNT_EXCEEDS_OUTSTANDING: 422,
  ALLOCATIONS_MISMATCH: 422,
  INSUFFICIENT_CREDIT: 422,
  INVALID_INPUT: 422,
};

export class BillingError extends Error {
  constructor(
    readonly code: BillingErrorCode,
    message: string,
    /** Path of the offending input field (`lines[1].taxCodes`), for problem+json `errors[]`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'BillingError';
  }
}

import type { ImportSource } from './contact-import-types';

export interface CsvSourceInfo {
  source: ImportSource;
  /** An invoice/payment/transaction export: one row per document or line, clients repeat. */
  documentExport: boolean;
}

// Columns that only a document (invoice, quote, payment, ledger) export has.
const DOCUMENT_COLUMNS = [
  'invoicenumber', 'invoice', 'invoiceid', 'invoicedate', 'quotenumber', 'quotedate', 'estimatenumber',
  'transactionid', 'documentnumber', 'itemname', 'itemproduct', 'total', 'totalamount', 'amount', 'linetotal',
];

/**
 * Which tool exported this CSV, from its (normalised) header row and the lines skipped before it.
 * Signatures are sets of columns that only that export has together.
 */
export function detectCsvSource(headers: readonly string[], preamble: string): CsvSourceInfo {
  const h = new Set(headers);
  const has = (...cols: string[]): boolean => cols.every((c) => h.has(c));
  const documentExport = DOCUMENT_COLUMNS.some((c) => h.has(c));
  return { source: sourceOf(has, headers, preamble), documentExport };
}

function sourceOf(has: (...cols: string[]) => boolean, headers: readonly string[], preamble: string): ImportSource {
  if (/invoice\s*ninja/i.test(preamble)) return 'invoiceninja';
  if (has('name', 'balance', 'paidtodate') || has('client', 'invoicenumber', 'paid', 'ponumber')) return 'invoiceninja';
  if (has('organization', 'firstname', 'lastname', 'provincestate') || has('clientname', 'invoice', 'dateissued')) return 'freshbooks';
  if (has('customername', 'invoicenumber', 'currencycode', 'customertaxnumber') || has('taxnumber', 'enabled', 'currencycode')) {
    return 'akaunting';
  }
  if (has('displayname', 'emailid') || has('customername', 'customerid', 'contacttype') || has('invoiceid', 'customername')) return 'zoho';
  if (has('customername', 'contactfirstname') || has('transactionid', 'accountname', 'customer')) return 'wave';
  if (
    has('customer') &&
    ['openbalance', 'mainemail', 'mainphone', 'billto1', 'phonenumbers', 'billaddress1', 'mrmsetc', 'customertype'].some((c) => has(c))
  ) {
    return 'quickbooks';
  }
  if (has('documentnumber', 'emailrecipient')) return 'invoice2go';
  if (has('client', 'details', 'total')) return 'invoicely';
  if (has('emailwork', 'firstseen') || has('emailwork', 'hasnewsletter')) return 'atomic-crm';
  if (has('connectedon')) return 'linkedin';
  if (headers.some((c) => /^email\dvalue$/.test(c))) return 'google';
  if (has('primaryemail')) return 'thunderbird';
  if (has('emailaddress') && ['email2address', 'emaildisplayname', 'businessphone', 'businessstreet', 'firstname'].some((c) => has(c))) {
    return 'outlook';
  }
  return 'generic';
}


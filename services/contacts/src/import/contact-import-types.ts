// Shapes produced by the contact-import parser. Plain data: no HTTP, no database.
import type { PaymentMethod } from '@carnet/events';

export interface ImportedAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface ImportedContact {
  /** 1-based line where the record starts (CSV: physical line incl. preamble and header; vCard: BEGIN:VCARD). */
  line: number;
  /** Display name: the person "First Last", else the company (or, last resort, the email). Trimmed, NFC. */
  name: string;
  email: string | null;
  companyName: string | null;
  phone: string | null;
  address: ImportedAddress;
  /** BCP 47 tag, when the export has one. */
  language: string | null;
  /** ISO 4217, upper case, when the export has one. */
  currency: string | null;
  /** `#RRGGBB`, upper case, when the export has one (Carnet's own export does). */
  color: string | null;
  /** One of the API's payment methods, when the export names one. */
  paymentMethod: PaymentMethod | null;
  /** Days to pay, 0–365, when the export has them ("30", "Net 30", "Due on receipt"). */
  paymentTermsDays: number | null;
  /** The export says the client is archived (or inactive): it is imported archived. */
  archived: boolean;
}

export interface ImportIssue {
  line: number;
  message: string;
}

export type ImportSource =
  | 'freshbooks'
  | 'zoho'
  | 'wave'
  | 'invoiceninja'
  | 'quickbooks'
  | 'google'
  | 'outlook'
  | 'thunderbird'
  | 'linkedin'
  | 'akaunting'
  | 'atomic-crm'
  | 'invoice2go'
  | 'invoicely'
  | 'vcard'
  | 'generic';

/** One data record of a file (a CSV row or a vCard card) and what it becomes. */
export interface ImportRow {
  /** 1-based line where the record starts. */
  line: number;
  /** Null when the record cannot become a contact (see `errors`) or repeats an earlier client of a document export. */
  contact: ImportedContact | null;
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

/**
 * A file opened for import: its rows are read one at a time, so a large file is never held as
 * parsed records, only as the bytes it arrived in. The file's structure was checked when it was
 * opened (an unreadable file is refused before anything is imported).
 */
export interface ContactImportStream {
  format: 'csv' | 'vcard';
  source: string;
  /** Data records in the file (counted when it was opened). */
  rowsTotal: number;
  /** About the file as a whole, known before the first row (lines before the header, ignored columns). */
  warnings: ImportIssue[];
  /** Each data record in file order. */
  rows(): AsyncIterable<ImportRow>;
  /** About the file as a whole, known once every row was read (client lines merged in a document export). */
  closingWarnings(): ImportIssue[];
}

export interface ParsedContactImport {
  format: 'csv' | 'vcard';
  /** Detected export, e.g. 'zoho' or 'google'; 'generic' when no known export matched. */
  source: string;
  contacts: ImportedContact[];
  /** Things imported differently from the file (extra emails dropped, columns ignored…). */
  warnings: ImportIssue[];
  /** Records that cannot become a contact, with their line numbers. */
  errors: ImportIssue[];
}

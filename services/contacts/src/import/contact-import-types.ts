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

// What the portal page shows: the parts of the services' answers a client may see.
import { AgingBucketName, DocumentLanguage, StatementLineType } from '@carnet/i18n';

export interface PortalStatement {
  currency: string;
  openingBalance: string;
  lines: Array<{ date: string; type: StatementLineType; reference: string | null; debit: string | null; credit: string | null; balance: string }>;
  closingBalance: string;
  aging: Record<AgingBucketName, string>;
  asOf: string | null;
}

export interface PortalInvoice {
  number: string | null;
  status: string;
  currency: string;
  total: string;
  outstanding: string;
  sentAt: string | null;
  dueDate: string | null;
}

export interface PortalQuote {
  number: string | null;
  status: string;
  currency: string;
  total: string;
  sentAt: string | null;
  validUntil: string | null;
}

export interface PortalReceipt {
  number: string;
  currency: string;
  amount: string;
  paidAt: string;
  method: string;
}

export interface PortalView {
  language: DocumentLanguage;
  tenantName: string;
  timezone: string;
  clientName: string;
  companyName: string | null;
  balance: { currency: string; balance: string; moneyOwed: string; creditAvailable: string; asOf: string | null };
  /** Balances of documents issued in another currency than the client's, each in its own. */
  otherBalances: Array<{ currency: string; balance: string; moneyOwed: string; creditAvailable: string }>;
  period: { from: string; to: string };
  statement: PortalStatement;
  invoices: PortalInvoice[];
  quotes: PortalQuote[];
  receipts: PortalReceipt[];
  /** Path of this page (`/portal/{token}`), for the period form and the PDF link. */
  pagePath: string;
}

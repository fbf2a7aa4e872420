// The API's JSON for an invoice: money as decimal strings in the invoice's currency, absent values null.
import { formatMoney } from '@carnet/money';
import { requireInvoice } from './billing-input';
import { ClientAccountState, InvoiceStatus } from './client-account.state';
import { DocumentContentView, toDocumentContentView } from './document-content.view';

export interface InvoiceView extends DocumentContentView {
  id: string;
  tenantId: string;
  contactId: string;
  number: string | null;
  status: InvoiceStatus;
  amountPaid: string;
  creditApplied: string;
  outstanding: string;
  dueDate: string | null;
  sentAt: string | null;
  voidedAt: string | null;
  createdAt: string;
  quoteId: string | null;
  version: number;
}

export function toInvoiceView(state: ClientAccountState, invoiceId: string, tenantId: string): InvoiceView {
  const inv = requireInvoice(state, invoiceId);
  const money = (minor: number): string => formatMoney(minor, inv.content.currency);
  return {
    id: inv.id,
    // An added field (API.md allows additions): it lets a read model or a log tell tenants apart.
    tenantId,
    contactId: state.contactId,
    number: inv.number,
    status: inv.status,
    ...toDocumentContentView(inv.content),
    amountPaid: money(inv.amountPaid),
    creditApplied: money(inv.creditApplied),
    outstanding: money(inv.outstanding),
    dueDate: inv.dueDate,
    sentAt: inv.sentAt,
    voidedAt: inv.voidedAt,
    createdAt: inv.createdAt,
    quoteId: inv.quoteId,
    version: inv.version,
  };
}

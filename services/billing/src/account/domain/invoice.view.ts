// The API's JSON for an invoice: money as decimal strings in the invoice's currency, absent values null.
import { formatMoney } from '@carnet/money';
import { requireInvoice } from './billing-input';
import { ClientAccountState, InvoiceStatus } from './client-account.state';

export interface InvoiceView {
  id: string;
  tenantId: string;
  contactId: string;
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  exchangeRate: string | null;
  lines: { itemId: string | null; description: string; quantity: string; unitPrice: string; amount: string; taxCodes: string[] }[];
  subtotal: string;
  taxes: { code: string; name: string; rate: string; amount: string }[];
  total: string;
  amountPaid: string;
  creditApplied: string;
  outstanding: string;
  dueDate: string | null;
  sentAt: string | null;
  voidedAt: string | null;
  createdAt: string;
}

export function toInvoiceView(state: ClientAccountState, invoiceId: string, tenantId: string): InvoiceView {
  const inv = requireInvoice(state, invoiceId);
  const { content } = inv;
  const money = (minor: number): string => formatMoney(minor, content.currency);
  return {
    id: inv.id,
    // An added field (API.md allows additions): it lets a read model or a log tell tenants apart.
    tenantId,
    contactId: state.contactId,
    number: inv.number,
    status: inv.status,
    currency: content.currency,
    exchangeRate: content.exchangeRate,
    lines: content.lines.map((l) => ({
      itemId: l.itemId,
      description: l.description,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice),
      amount: money(l.amount),
      taxCodes: [...l.taxCodes],
    })),
    subtotal: money(content.subtotal),
    taxes: content.taxes.map((t) => ({ code: t.code, name: t.name, rate: t.rate, amount: money(t.amount) })),
    total: money(content.total),
    amountPaid: money(inv.amountPaid),
    creditApplied: money(inv.creditApplied),
    outstanding: money(inv.outstanding),
    dueDate: inv.dueDate,
    sentAt: inv.sentAt,
    voidedAt: inv.voidedAt,
    createdAt: inv.createdAt,
  };
}

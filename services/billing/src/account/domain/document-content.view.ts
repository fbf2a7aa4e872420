// The priced part of an invoice or a quote as the API shows it: money as decimal strings with the
// document currency's digits.
import { InvoiceContent } from '@carnet/events';
import { formatMoney } from '@carnet/money';

export interface DocumentContentView {
  currency: string;
  exchangeRate: string | null;
  lines: { itemId: string | null; description: string; quantity: string; unitPrice: string; amount: string; taxCodes: string[] }[];
  subtotal: string;
  taxes: { code: string; name: string; rate: string; amount: string }[];
  total: string;
}

export function toDocumentContentView(content: InvoiceContent): DocumentContentView {
  const money = (minor: number): string => formatMoney(minor, content.currency);
  return {
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
  };
}

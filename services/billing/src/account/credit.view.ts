import { formatMoney } from '@carnet/money';
import { ClientAccountState } from './domain';

export interface CreditView {
  id: string;
  contactId: string;
  currency: string;
  amount: string;
  applied: string;
  available: string;
  reason: string | null;
  grantedAt: string;
  /** What the credit paid: each application to an invoice, in order. */
  applications: Array<{ invoiceId: string; amount: string; appliedAt: string }>;
}

/** A client's credits, oldest grant first (the order in which they pay invoices). */
export function toCreditViews(state: ClientAccountState): CreditView[] {
  return Object.values(state.credits)
    .sort((a, b) => a.grantIndex - b.grantIndex)
    .map((c) => ({
      id: c.id, contactId: state.contactId, currency: c.currency, amount: formatMoney(c.amount, c.currency),
      applied: formatMoney(c.amount - c.remaining, c.currency), available: formatMoney(c.remaining, c.currency),
      reason: c.reason, grantedAt: c.grantedAt,
      applications: c.applications.map((a) => ({ invoiceId: a.invoiceId, amount: formatMoney(a.amount, c.currency), appliedAt: a.appliedAt })),
    }));
}

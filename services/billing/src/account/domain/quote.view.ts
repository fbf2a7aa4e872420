// The API's JSON for a quote: priced like an invoice, with its own life cycle and no amounts owed.
import { requireQuote } from './billing-input';
import { ClientAccountState, QuoteStatus } from './client-account.state';
import { DocumentContentView, toDocumentContentView } from './document-content.view';

export interface QuoteView extends DocumentContentView {
  id: string;
  tenantId: string;
  contactId: string;
  number: string | null;
  status: QuoteStatus;
  dueDate: string | null;
  validUntil: string | null;
  createdAt: string;
  sentAt: string | null;
  acceptedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  convertedAt: string | null;
  invoiceId: string | null;
}

export function toQuoteView(state: ClientAccountState, quoteId: string, tenantId: string): QuoteView {
  const q = requireQuote(state, quoteId);
  return {
    id: q.id,
    tenantId,
    contactId: state.contactId,
    number: q.number,
    status: q.status,
    ...toDocumentContentView(q.content),
    dueDate: q.content.dueDate,
    validUntil: q.validUntil,
    createdAt: q.createdAt,
    sentAt: q.sentAt,
    acceptedAt: q.acceptedAt,
    declinedAt: q.declinedAt,
    declineReason: q.declineReason,
    convertedAt: q.convertedAt,
    invoiceId: q.invoiceId,
  };
}

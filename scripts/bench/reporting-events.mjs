// Synthetic event histories in the envelope of libs/events, for the reporting benchmarks: per
// contact, ContactCreated and notes on contacts.events (Contact aggregate) and invoices created,
// sent and paid on billing.events (ClientAccount aggregate, aggregateId = contactId), with the
// versions, keys and fields the services produce.
import { randomUUID } from 'node:crypto';

export const TENANT_SETTINGS = { name: 'Bench', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' };

const metadata = () => ({ correlationId: randomUUID(), causationId: null, actor: 'bench' });

function envelope(tenantId, aggregateType, aggregateId, version, contactId, type, data, occurredAt) {
  return { id: randomUUID(), type, schemaVersion: 1, tenantId, aggregateType, aggregateId, version, contactId, occurredAt, data, metadata: metadata() };
}

export function tenantCreated(tenantId, occurredAt = '2025-01-01T12:00:00.000Z') {
  return envelope(tenantId, 'Tenant', tenantId, 1, null, 'TenantCreated', { settings: { ...TENANT_SETTINGS, name: `Bench ${tenantId.slice(0, 8)}` } }, occurredAt);
}

const profile = (i) => ({
  name: `Client ${i}`, email: `client${i}@example.ca`, companyName: `Atelier ${i}`, phone: '514-555-0100', color: '#336699',
  billing: { address: { line1: `${i} rue Principale`, line2: null, city: 'Montréal', region: 'QC', postalCode: 'H2X 1Y4', country: 'CA' }, language: 'fr', currency: 'CAD', paymentMethod: 'interac', paymentTermsDays: 30 },
});

// One invoice: two lines with GST and QST, 2.25 × 85.00 + 3 × 33.33 = 291.24, taxes 14.56 + 29.05, total 334.85.
const content = {
  currency: 'CAD', exchangeRate: null, dueDate: null,
  lines: [
    { itemId: null, description: 'Design', quantity: '2.25', unitPrice: 8500, amount: 19125, taxCodes: ['GST', 'QST'] },
    { itemId: null, description: 'Hosting', quantity: '3', unitPrice: 3333, amount: 9999, taxCodes: ['GST', 'QST'] },
  ],
  taxes: [{ code: 'GST', name: 'TPS', rate: '5', amount: 1456 }, { code: 'QST', name: 'TVQ', rate: '9.975', amount: 2905 }],
  subtotal: 29124, total: 33485,
};

/**
 * The history of one contact, in the order the services publish it: `notes` notes, then
 * `invoices` invoices each created, sent and fully paid (3 events each). Per contact:
 * 1 + notes + 3 × invoices events; one invoice a week from `start`, each paid 10 days later.
 */
export function contactHistory(tenantId, contactId, i, { notes, invoices, start = Date.UTC(2025, 3, 7, 15) }) {
  const events = [];
  let at = start;
  const next = () => new Date((at += 3_600_000)).toISOString();
  events.push(envelope(tenantId, 'Contact', contactId, 1, contactId, 'ContactCreated', { profile: profile(i), source: 'api' }, next()));
  for (let n = 0; n < notes; n++) {
    events.push(envelope(tenantId, 'Contact', contactId, 2 + n, contactId, 'ContactNoteAdded', { noteId: randomUUID(), body: `Called about the project, note ${n + 1}` }, next()));
  }
  let version = 0;
  for (let k = 0; k < invoices; k++) {
    at = start + k * 7 * 86_400_000;
    const invoiceId = randomUUID();
    const number = `INV-${String(k + 1).padStart(6, '0')}`;
    events.push(envelope(tenantId, 'ClientAccount', contactId, ++version, contactId, 'InvoiceCreated', { invoiceId, content }, next()));
    const sentAt = next();
    const due = new Date(at + 30 * 86_400_000).toISOString().slice(0, 10);
    events.push(envelope(tenantId, 'ClientAccount', contactId, ++version, contactId, 'InvoiceSent', { invoiceId, number, sentAt, dueDate: due }, sentAt));
    const paidAt = new Date((at += 10 * 86_400_000)).toISOString();
    events.push(envelope(tenantId, 'ClientAccount', contactId, ++version, contactId, 'PaymentRecorded', {
      paymentId: randomUUID(), receiptNumber: `REC-${String(k + 1).padStart(6, '0')}`, currency: 'CAD', amount: content.total, paidAt,
      method: 'interac', reference: null, allocations: [{ invoiceId, amount: content.total }],
    }, paidAt));
  }
  return events;
}

export const topicOf = (e) => (e.aggregateType === 'Tenant' ? 'tenants.events' : e.aggregateType === 'Contact' ? 'contacts.events' : 'billing.events');

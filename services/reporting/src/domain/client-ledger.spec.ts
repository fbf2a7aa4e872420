import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BillingEvent } from '@carnet/events';
import { applyToLedger, ClientLedger, emptyClientLedger, invoicesTouchedBy, LedgerEventMismatchError } from './client-ledger';
import { AccountStream, billingEvent, CONTACT, contactCreated, contactEvent, content, fold, noteEvent, quoteEvent, TENANT } from './ledger-events.fixture';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function mustApply(ledger: ClientLedger, event: Parameters<typeof applyToLedger>[1]): ClientLedger {
  const next = applyToLedger(ledger, event);
  assert.ok(next, `${event.type} v${event.version} should apply`);
  return next;
}

// Every key of a MongoDB document must be free of '.' and not start with '$'.
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

describe('emptyClientLedger', () => {
  it('knows nothing and has applied nothing', () => {
    assert.deepEqual(emptyClientLedger(TENANT, CONTACT), {
      tenantId: TENANT, contactId: CONTACT, versions: { contacts: 0, billing: 0 }, contact: null, invoices: [], entries: [],
      creditGranted: 0, creditApplied: 0, counts: { invoices: 0, receipts: 0, quotes: 0, notes: 0 }, lastInvoiceAt: null, asOf: null,
    });
  });
});

describe('applyToLedger: contacts', () => {
  it('follows the contact through creation, update, archive and reactivation', () => {
    const created = mustApply(emptyClientLedger(TENANT, CONTACT), contactCreated('CAD', '2026-01-01T12:00:00Z', 'Acme'));
    assert.deepEqual(created.contact, { name: 'Acme', currency: 'CAD', language: 'en', status: 'active', archivedAt: null });
    assert.equal(created.versions.contacts, 1);
    assert.equal(created.asOf, '2026-01-01T12:00:00Z');

    const updated = mustApply(created, contactEvent('ContactUpdated', { changes: { name: 'Acme Inc.', billing: { currency: 'USD', language: 'fr-CA' } } }, 2, '2026-01-02T12:00:00Z'));
    assert.deepEqual(updated.contact, { name: 'Acme Inc.', currency: 'USD', language: 'fr-CA', status: 'active', archivedAt: null });

    // An update that names neither field keeps both
    const untouched = mustApply(updated, contactEvent('ContactUpdated', { changes: { phone: '555' } }, 3, '2026-01-03T12:00:00Z'));
    assert.deepEqual(untouched.contact, updated.contact);

    const archived = mustApply(untouched, contactEvent('ContactArchived', {}, 4, '2026-01-04T12:00:00Z'));
    assert.deepEqual(archived.contact, { name: 'Acme Inc.', currency: 'USD', language: 'fr-CA', status: 'archived', archivedAt: '2026-01-04T12:00:00Z' });

    const reactivated = mustApply(archived, contactEvent('ContactReactivated', {}, 5, '2026-01-05T12:00:00Z'));
    assert.deepEqual(reactivated.contact, { name: 'Acme Inc.', currency: 'USD', language: 'fr-CA', status: 'active', archivedAt: null });
    assert.deepEqual(reactivated.versions, { contacts: 5, billing: 0 });

    // A language cleared to null falls back to the tenant's default language later
    const cleared = mustApply(reactivated, contactEvent('ContactUpdated', { changes: { billing: { language: null } } }, 6, '2026-01-06T12:00:00Z'));
    assert.equal(cleared.contact?.language, null);
  });
});

describe('applyToLedger: idempotence and purity', () => {
  const account = new AccountStream();
  account.created('inv-1', content('CAD', 100000, 114975));
  account.sent('inv-1', 'INV-000001', '2026-01-10T15:00:00Z', '2026-02-09');
  const payment = account.paid('REC-000001', 'CAD', '2026-01-20T15:00:00Z', [['inv-1', 50000]]);

  it('the same event twice changes nothing: the second time it is refused', () => {
    const once = fold([contactCreated('CAD'), ...account.events]);
    assert.equal(applyToLedger(once, payment), null);
    assert.equal(applyToLedger(once, account.events[0]), null); // an older version too
    assert.equal(applyToLedger(once, contactCreated('CAD')), null);
    // 1149.75 − 500.00 = 649.75 still owed: the payment counted once
    assert.equal(once.invoices[0].paid, 50000);
    assert.equal(once.entries.length, 2);
    assert.equal(once.counts.receipts, 1);
  });

  it('keeps one version per source, so contacts and billing do not shadow each other', () => {
    const billingFirst = fold(account.events);
    assert.deepEqual(billingFirst.versions, { contacts: 0, billing: 3 });
    const both = mustApply(billingFirst, contactCreated('CAD'));
    assert.deepEqual(both.versions, { contacts: 1, billing: 3 });
  });

  it('never mutates the ledger it is given', () => {
    const before = deepFreeze(fold([contactCreated('CAD'), ...account.events.slice(0, 2)]));
    const snapshot = structuredClone(before);
    const after = mustApply(before, payment); // a write to a frozen object would throw in strict mode
    assert.deepEqual(before, snapshot);
    assert.notDeepEqual(after, before);
  });

  it('only advances the version for events reporting does not use', () => {
    const ledger = fold([contactCreated('CAD'), ...account.events]);
    const tax = billingEvent('TaxDefined', { code: 'GST', name: 'GST', rate: '5' }, 4, '2026-03-01T00:00:00Z');
    assert.deepEqual(mustApply(ledger, tax), { ...ledger, versions: { contacts: 1, billing: 4 } });
    // A type from a newer producer, unknown to this code
    const future = { ...tax, type: 'InvoiceReminderScheduled', version: 5 } as unknown as BillingEvent;
    assert.deepEqual(applyToLedger(ledger, future), { ...ledger, versions: { contacts: 1, billing: 5 } });
  });

  it('refuses an event about another client', () => {
    const stranger = { ...payment, aggregateId: 'contact-2', contactId: 'contact-2' };
    assert.throws(() => applyToLedger(emptyClientLedger(TENANT, CONTACT), stranger), LedgerEventMismatchError);
  });

  it('is plain JSON a MongoDB document can hold', () => {
    const ledger = fold([contactCreated('CAD'), ...account.events]);
    assert.deepEqual(JSON.parse(JSON.stringify(ledger)), ledger);
    for (const key of keysOf(ledger)) assert.ok(!key.includes('.') && !key.startsWith('$'), key);
  });
});

describe('applyToLedger: invoices, payments and credits', () => {
  it('tracks a draft, its edit, sending, a partial payment, a credit and settlement', () => {
    const a = new AccountStream();
    a.created('inv-1', content('CAD', 10000, 11000));
    // edited before sending: 200.00 + 14.975% → GST 10.00 + QST 19.95 = 229.95
    a.updated('inv-1', { ...content('CAD', 20000, 22995), dueDate: '2026-03-31' });
    a.sent('inv-1', 'INV-000001', '2026-02-01T15:00:00Z', '2026-03-03');
    a.granted('CAD', 5000, '2026-02-10T15:00:00Z', 'Goodwill');
    a.applied('inv-1', 'CAD', 5000, '2026-02-10T15:05:00Z');
    a.paid('REC-000001', 'CAD', '2026-02-15T15:00:00Z', [['inv-1', 10000]]);
    const partly = fold([contactCreated('CAD'), ...a.events]);
    const invoice = partly.invoices[0];
    assert.equal(invoice.number, 'INV-000001');
    assert.equal(invoice.dueDate, '2026-03-03'); // the sent due date wins over the draft's
    assert.equal(invoice.total, 22995);
    assert.equal(invoice.paid, 10000);
    assert.equal(invoice.credited, 5000);
    // 229.95 − 100.00 − 50.00 = 79.95 still owed: not settled
    assert.equal(invoice.settledAt, null);
    assert.equal(partly.creditGranted, 5000);
    assert.equal(partly.creditApplied, 5000);
    // invoice (debit), credit granted, payment; the credit application moves no balance
    assert.deepEqual(partly.entries.map((e) => [e.seq, e.type, e.amount, e.reference]), [
      [3, 'invoice', 22995, 'INV-000001'],
      [4, 'credit', 5000, 'Goodwill'],
      [6, 'payment', 10000, 'REC-000001'],
    ]);
    assert.deepEqual(partly.counts, { invoices: 1, receipts: 1, quotes: 0, notes: 0 });
    assert.equal(partly.lastInvoiceAt, '2026-02-01T15:00:00Z');

    a.paid('REC-000002', 'CAD', '2026-02-20T15:00:00Z', [['inv-1', 7995]]);
    const settled = fold([contactCreated('CAD'), ...a.events]);
    // 79.95 − 79.95 = 0: settled on the day of that payment
    assert.equal(settled.invoices[0].settledAt, '2026-02-20T15:00:00Z');
    assert.equal(settled.asOf, '2026-02-20T15:00:00Z');
  });

  it('one payment across two invoices is one entry and one receipt', () => {
    const a = new AccountStream();
    a.created('inv-1', content('CAD', 10000, 11498));
    a.created('inv-2', content('CAD', 20000, 22995));
    a.sent('inv-1', 'INV-000001', '2026-02-01T15:00:00Z', '2026-03-03');
    a.sent('inv-2', 'INV-000002', '2026-02-02T15:00:00Z', '2026-03-04');
    a.paid('REC-000001', 'CAD', '2026-02-10T15:00:00Z', [['inv-1', 11498], ['inv-2', 2002]]);
    const ledger = fold([contactCreated('CAD'), ...a.events]);
    assert.deepEqual(ledger.invoices.map((i) => [i.paid, i.settledAt]), [
      [11498, '2026-02-10T15:00:00Z'], // 114.98 − 114.98 = 0
      [2002, null], // 229.95 − 20.02 = 209.93
    ]);
    // 114.98 + 20.02 = 135.00 in one entry
    assert.deepEqual(ledger.entries.filter((e) => e.type === 'payment').map((e) => e.amount), [13500]);
    assert.equal(ledger.counts.receipts, 1);
    assert.equal(ledger.lastInvoiceAt, '2026-02-02T15:00:00Z');
  });

  it('a back-dated payment that settles an invoice leaves the latest date as the settling one', () => {
    const a = new AccountStream();
    a.created('inv-1', content('CAD', 10000, 10000));
    a.sent('inv-1', 'INV-000001', '2026-02-01T15:00:00Z', '2026-03-03');
    a.paid('REC-000001', 'CAD', '2026-02-20T15:00:00Z', [['inv-1', 6000]]);
    a.paid('REC-000002', 'CAD', '2026-02-05T15:00:00Z', [['inv-1', 4000]]); // recorded later, dated earlier
    // 100.00 − 60.00 − 40.00 = 0, and it was fully paid only once the 20 February payment came in
    assert.equal(fold(a.events).invoices[0].settledAt, '2026-02-20T15:00:00Z');
  });

  it('voiding a sent invoice credits its total; voiding a draft moves nothing', () => {
    const a = new AccountStream();
    a.created('inv-1', content('CAD', 30000, 34493));
    a.created('inv-2', content('CAD', 10000, 11498));
    a.sent('inv-1', 'INV-000001', '2026-02-20T15:00:00Z', '2026-03-22');
    a.voided('inv-1', '2026-02-21T15:00:00Z');
    a.voided('inv-2', '2026-02-21T16:00:00Z');
    const ledger = fold([contactCreated('CAD'), ...a.events]);
    assert.deepEqual(ledger.entries.map((e) => [e.type, e.amount, e.reference, e.invoiceId]), [
      ['invoice', 34493, 'INV-000001', 'inv-1'],
      ['void', 34493, 'INV-000001', 'inv-1'],
    ]);
    assert.deepEqual(ledger.invoices.map((i) => i.voidedAt), ['2026-02-21T15:00:00Z', '2026-02-21T16:00:00Z']);
    assert.equal(ledger.counts.invoices, 1); // a voided invoice was still sent
  });

  it('ignores events about an invoice it never saw created', () => {
    const a = new AccountStream();
    a.sent('ghost', 'INV-000009', '2026-02-20T15:00:00Z', '2026-03-22');
    const ledger = fold(a.events);
    assert.deepEqual(ledger.invoices, []);
    assert.deepEqual(ledger.entries, []);
    assert.equal(ledger.versions.billing, 1);
  });
});

describe('applyToLedger: notes and quotes', () => {
  it('counts the notes there are now and the quotes sent', () => {
    const ledger = fold([
      contactCreated('CAD'),
      noteEvent('ContactNoteAdded', { noteId: 'n1', body: 'Called' }, 2, '2026-01-02T12:00:00Z'),
      noteEvent('ContactNoteAdded', { noteId: 'n2', body: 'Prefers email' }, 3, '2026-01-03T12:00:00Z'),
      noteEvent('ContactNoteEdited', { noteId: 'n2', body: 'Prefers email, not phone' }, 4, '2026-01-04T12:00:00Z'),
      noteEvent('ContactNoteDeleted', { noteId: 'n1' }, 5, '2026-01-05T12:00:00Z'),
      quoteEvent('QuoteCreated', { quoteId: 'q1', content: content('CAD', 10000, 11498), validUntil: null }, 1, '2026-01-06T12:00:00Z'),
      quoteEvent('QuoteCreated', { quoteId: 'q2', content: content('CAD', 20000, 22995), validUntil: '2026-02-28' }, 2, '2026-01-06T12:00:00Z'),
      quoteEvent('QuoteSent', { quoteId: 'q1', number: 'QUO-000001', sentAt: '2026-01-07T12:00:00Z' }, 3, '2026-01-07T12:00:00Z'),
      quoteEvent('QuoteAccepted', { quoteId: 'q1', acceptedAt: '2026-01-08T12:00:00Z' }, 4, '2026-01-08T12:00:00Z'),
    ]);
    // notes: n1 and n2 added, n1 deleted → 1; quotes: q1 sent, q2 still a draft → 1
    assert.deepEqual(ledger.counts, { invoices: 0, receipts: 0, quotes: 1, notes: 1 });
    assert.deepEqual(ledger.versions, { contacts: 5, billing: 4 });
  });
});

describe('invoicesTouchedBy', () => {
  it('names the invoice of an event, or every invoice a payment is allocated to', () => {
    const a = new AccountStream();
    a.created('inv-1', content('CAD', 100, 100));
    const payment = a.paid('REC-000001', 'CAD', '2026-02-10T15:00:00Z', [['inv-1', 50], ['inv-2', 20], ['inv-1', 10]]);
    assert.deepEqual(invoicesTouchedBy(a.events[0]), ['inv-1']);
    assert.deepEqual(invoicesTouchedBy(payment), ['inv-1', 'inv-2']);
    assert.deepEqual(invoicesTouchedBy(a.granted('CAD', 100, '2026-02-11T15:00:00Z')), []);
  });
});

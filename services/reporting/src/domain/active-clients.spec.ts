import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { activeClientsByYear, contactMembership, listMembers, SentInvoiceRef } from './active-clients';

const TORONTO = 'America/Toronto';
const april = { fiscalYearStart: '04-01', timezone: TORONTO };
const july = { fiscalYearStart: '07-01', timezone: TORONTO };

const inv = (contactId: string, invoiceId: string, sentAt: string, voided = false): SentInvoiceRef =>
  ({ contactId, invoiceId, number: `INV-${invoiceId}`, sentAt, voided });

// Spring and summer 2026 in Toronto are EDT (UTC−4).
const invoices: SentInvoiceRef[] = [
  inv('c1', 'a1', '2026-03-31T23:30:00-04:00'), // 2026-04-01T03:30Z: still 31 March locally
  inv('c1', 'a2', '2026-04-01T00:00:00-04:00'),
  inv('c2', 'b1', '2026-05-10T12:00:00Z', true), // voided: makes nobody active
  inv('c3', 'b2', '2026-06-01T12:00:00Z'),
  inv('c3', 'b3', '2026-05-01T12:00:00Z'), // sent earlier than b2, recorded later
  inv('c4', 'd1', '2026-06-30T23:30:00-04:00'), // 2026-07-01T03:30Z: still 30 June locally
];

const asObject = (years: ReturnType<typeof activeClientsByYear>) =>
  Object.fromEntries([...years].map(([fy, members]) => [fy, Object.fromEntries([...members].map(([c, m]) => [c, m.invoiceId]))]));

describe('activeClientsByYear', () => {
  it('with an April start, 23:30 on 31 March belongs to the year that ends that day', () => {
    // FY 2025 = 2025-04-01 … 2026-03-31: a1 only. FY 2026 from 2026-04-01: a2 (c1), b3 (c3, earlier than b2), d1 (c4).
    assert.deepEqual(asObject(activeClientsByYear(invoices, april)), {
      2025: { c1: 'a1' },
      2026: { c1: 'a2', c3: 'b3', c4: 'd1' },
    });
  });

  it('with a July start, 23:30 on 30 June is the last evening of the year that began the July before', () => {
    // FY 2025 = 2025-07-01 … 2026-06-30 holds every invoice: c1 by a1 (its first), c3 by b3, c4 by d1
    assert.deepEqual(asObject(activeClientsByYear(invoices, july)), { 2025: { c1: 'a1', c3: 'b3', c4: 'd1' } });
  });

  it('the same invoices in another time zone can fall in the next year', () => {
    // d1 = 2026-07-01T03:30Z = 05:30 on 1 July in Paris (CEST, UTC+2): FY 2026 there
    const paris = activeClientsByYear(invoices, { fiscalYearStart: '07-01', timezone: 'Europe/Paris' });
    assert.deepEqual(asObject(paris), { 2025: { c1: 'a1', c3: 'b3' }, 2026: { c4: 'd1' } });
  });

  it('keeps the member as a UTC instant and breaks a tie on the invoice id', () => {
    const tie = [inv('c9', 'z', '2026-05-01T12:00:00Z'), inv('c9', 'y', '2026-05-01T08:00:00-04:00')];
    assert.deepEqual(activeClientsByYear(tie, april).get(2026)?.get('c9'), { invoiceId: 'y', invoiceNumber: 'INV-y', sentAt: '2026-05-01T12:00:00.000Z' });
  });
});

describe('contactMembership', () => {
  it('names every year an invoice of the contact falls in, null where it is not active', () => {
    assert.deepEqual([...contactMembership('c1', invoices, april)].map(([fy, m]) => [fy, m?.invoiceId ?? null]), [[2025, 'a1'], [2026, 'a2']]);
    // c2's only invoice is void: it must leave FY 2026 if it was there
    assert.deepEqual([...contactMembership('c2', invoices, april)], [[2026, null]]);
    assert.deepEqual([...contactMembership('nobody', invoices, april)], []);
  });
});

describe('listMembers', () => {
  it('lists by the date each contact became active, then by contact id', () => {
    const members = [...(activeClientsByYear(invoices, april).get(2026) ?? [])].reverse().map(([contactId, m]) => ({ contactId, ...m }));
    // a2 2026-04-01T04:00Z, b3 2026-05-01T12:00Z, d1 2026-07-01T03:30Z
    assert.deepEqual(listMembers(members).map((m) => [m.contactId, m.invoiceId]), [['c1', 'a2'], ['c3', 'b3'], ['c4', 'd1']]);
  });
});

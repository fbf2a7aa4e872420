import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ContactEvent } from '@carnet/events';
import { ContactFact, factOf, factOfSnapshot, foldFacts, KnownContactFields } from './known-contact';

const base = { schemaVersion: 1, tenantId: 't1', aggregateType: 'Contact', aggregateId: 'c1', contactId: 'c1', occurredAt: '2027-01-01T00:00:00.000Z', metadata: { correlationId: 'c', causationId: null, actor: 'test' } };
const address = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
const history: ContactEvent[] = [
  { ...base, id: 'e1', version: 1, type: 'ContactCreated', data: { source: 'api', profile: { name: 'Marge', email: null, companyName: null, phone: null, color: null, billing: { address, language: null, currency: 'CAD', paymentMethod: null, paymentTermsDays: 30 } } } },
  { ...base, id: 'e2', version: 2, type: 'ContactUpdated', data: { changes: { billing: { currency: 'JPY' } } } },
  { ...base, id: 'e3', version: 3, type: 'ContactArchived', data: {} },
  { ...base, id: 'e4', version: 4, type: 'ContactUpdated', data: { changes: { billing: { paymentTermsDays: 15 } } } },
];

const fold = (events: ContactEvent[]): KnownContactFields => foldFacts(events.map(factOf).filter((f): f is ContactFact => f !== null));

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('what billing knows of a contact', () => {
  it('folds the history: created CAD/30 days → JPY (v2) → archived (v3) → 15 days (v4)', () => {
    assert.deepEqual(fold(history), { created: true, status: 'archived', currency: 'JPY', paymentTermsDays: 15 });
  });

  it('gives the same answer whatever order the events arrive in, and whatever arrives twice', () => {
    const expected = fold(history);
    const orders = permutations(history);
    assert.equal(orders.length, 24); // 4! orders
    for (const order of orders) assert.deepEqual(fold([...order, ...order.slice(0, 2)]), expected, order.map((e) => e.version).join(','));
  });

  it('does not know a contact before its ContactCreated, even once later events arrived', () => {
    assert.deepEqual(fold([history[2]!, history[1]!]), { created: false, status: 'archived', currency: 'JPY', paymentTermsDays: 30 });
  });

  it('takes the gateway snapshot of v3 as the whole contact at v3, before or among its events', () => {
    const v3 = factOfSnapshot({ id: 'c1', version: 3, status: 'archived', currency: 'JPY', paymentTermsDays: 30 });
    const facts = (events: ContactEvent[]) => events.map(factOf).filter((f): f is ContactFact => f !== null);
    // nothing arrived yet: the snapshot alone makes the contact known, archived, JPY, 30 days
    assert.deepEqual(foldFacts([v3]), { created: true, status: 'archived', currency: 'JPY', paymentTermsDays: 30 });
    // v1 and v2 arrive late: v3's status and currency stay, being newer
    assert.deepEqual(foldFacts([v3, ...facts(history.slice(0, 2))]), { created: true, status: 'archived', currency: 'JPY', paymentTermsDays: 30 });
    // then v4 (15 days) arrives: newer than the snapshot, it wins for the field it states
    assert.deepEqual(foldFacts([v3, ...facts(history)]), { created: true, status: 'archived', currency: 'JPY', paymentTermsDays: 15 });
  });

  it('lets a reactivation after an archive win, whichever arrives first', () => {
    const reactivated: ContactEvent = { ...base, id: 'e5', version: 5, type: 'ContactReactivated', data: {} };
    assert.equal(fold([...history, reactivated]).status, 'active');
    assert.equal(fold([history[0]!, reactivated, history[2]!]).status, 'active');
  });

  it('states nothing for a change billing does not use', () => {
    assert.equal(factOf({ ...base, id: 'e6', version: 6, type: 'ContactUpdated', data: { changes: { name: 'Marjorie' } } }), null);
  });
});

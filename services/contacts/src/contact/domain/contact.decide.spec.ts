import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ContactProfile, EventEnvelope, NewEvent } from '@carnet/events';
import { archiveContact, createContact, reactivateContact, updateContact } from './contact.decide';
import { ContactError } from './contact.error';
import { ContactState, evolveContact, initialContactState } from './contact.state';

const profile: ContactProfile = {
  name: 'Zoé Tremblay', email: 'zoe@example.test', companyName: 'Atelier Zoé', phone: null, color: '#336699',
  billing: { address: { line1: '1 rue Principale', line2: null, city: 'Montréal', region: 'QC', postalCode: 'H2X 1Y4', country: 'CA' }, language: 'fr', currency: 'CAD', paymentMethod: 'interac', paymentTermsDays: 30 },
};

// given(events) → state, when(decision) → new events
function given(...events: NewEvent[]): ContactState {
  return events.reduce<ContactState>((s, e, i) => evolveContact(s, {
    ...e, id: `e${i}`, schemaVersion: 1, tenantId: 't', aggregateType: 'Contact', aggregateId: 'c1', version: i + 1,
    contactId: 'c1', occurredAt: `2026-01-0${i + 1}T00:00:00.000Z`, metadata: { correlationId: 'x', causationId: null, actor: 'test' },
  } as EventEnvelope), initialContactState('c1'));
}
const created: NewEvent = { type: 'ContactCreated', data: { profile, source: 'api' } };

describe('Contact aggregate', () => {
  it('creates once', () => {
    assert.deepEqual(createContact(given(), profile, 'api'), [created]);
    assert.throws(() => createContact(given(created), profile, 'api'), ContactError);
  });
  it('merges billing and address changes field by field', () => {
    const events = updateContact(given(created), { billing: { address: { city: 'Québec' } } });
    const state = given(created, ...events);
    assert.equal(state.profile?.billing.address.city, 'Québec');
    assert.equal(state.profile?.billing.address.line1, '1 rue Principale');
    assert.equal(state.profile?.billing.currency, 'CAD');
  });
  it('records nothing when an update changes nothing', () => {
    assert.deepEqual(updateContact(given(created), { name: 'Zoé Tremblay' }), []);
  });
  it('archives and reactivates idempotently, keeping history', () => {
    const archived: NewEvent = { type: 'ContactArchived', data: {} };
    assert.deepEqual(archiveContact(given(created)), [archived]);
    assert.deepEqual(archiveContact(given(created, archived)), []);
    const s = given(created, archived);
    assert.equal(s.status, 'archived');
    assert.equal(s.archivedAt, '2026-01-02T00:00:00.000Z');
    assert.equal(s.profile?.name, 'Zoé Tremblay');
    assert.deepEqual(reactivateContact(s), [{ type: 'ContactReactivated', data: {} }]);
    assert.deepEqual(reactivateContact(given(created)), []);
  });
  it('refuses commands on a contact that does not exist', () => {
    assert.throws(() => archiveContact(given()), (e: unknown) => e instanceof ContactError && e.code === 'CONTACT_NOT_FOUND');
  });
});

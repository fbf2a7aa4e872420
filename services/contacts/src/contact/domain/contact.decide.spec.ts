import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ContactProfile, EventEnvelope, NewEvent } from '@carnet/events';
import { addNote, archiveContact, createContact, deleteNote, editNote, reactivateContact, updateContact } from './contact.decide';
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
  it('adds, edits and deletes notes, on archived contacts too', () => {
    const archived: NewEvent = { type: 'ContactArchived', data: {} };
    const added = addNote(given(created, archived), 'n1', 'Prefers calls in the morning');
    assert.deepEqual(added, [{ type: 'ContactNoteAdded', data: { noteId: 'n1', body: 'Prefers calls in the morning' } }]);
    const second: NewEvent = { type: 'ContactNoteAdded', data: { noteId: 'n2', body: 'Sent the contract' } };
    // created v1, archived v2, n1 added v3 (2026-01-03), n2 added v4 (2026-01-04)
    const s = given(created, archived, ...added, second);
    assert.deepEqual(s.notes, [
      { id: 'n1', seq: 3, body: 'Prefers calls in the morning', createdAt: '2026-01-03T00:00:00.000Z', updatedAt: '2026-01-03T00:00:00.000Z' },
      { id: 'n2', seq: 4, body: 'Sent the contract', createdAt: '2026-01-04T00:00:00.000Z', updatedAt: '2026-01-04T00:00:00.000Z' },
    ]);
    assert.throws(() => addNote(s, 'n1', 'again'), (e: unknown) => e instanceof ContactError && e.code === 'NOTE_EXISTS');

    const edited = editNote(s, 'n1', 'Prefers calls after 10');
    assert.deepEqual(edited, [{ type: 'ContactNoteEdited', data: { noteId: 'n1', body: 'Prefers calls after 10' } }]);
    assert.deepEqual(editNote(s, 'n1', 'Prefers calls in the morning'), [], 'the same text records nothing');
    // edit is the 5th event (2026-01-05): body and updatedAt change, createdAt and position stay
    const afterEdit = given(created, archived, ...added, second, ...edited);
    assert.deepEqual(afterEdit.notes[0], { id: 'n1', seq: 3, body: 'Prefers calls after 10', createdAt: '2026-01-03T00:00:00.000Z', updatedAt: '2026-01-05T00:00:00.000Z' });

    const deleted = deleteNote(afterEdit, 'n1');
    assert.deepEqual(deleted, [{ type: 'ContactNoteDeleted', data: { noteId: 'n1' } }]);
    const afterDelete = given(created, archived, ...added, second, ...edited, ...deleted);
    assert.deepEqual(afterDelete.notes.map((n) => n.id), ['n2']);
    assert.throws(() => deleteNote(afterDelete, 'n1'), (e: unknown) => e instanceof ContactError && e.code === 'NOTE_NOT_FOUND');
    assert.throws(() => editNote(afterDelete, 'n1', 'x'), (e: unknown) => e instanceof ContactError && e.code === 'NOTE_NOT_FOUND');
    assert.throws(() => addNote(given(), 'n9', 'x'), (e: unknown) => e instanceof ContactError && e.code === 'CONTACT_NOT_FOUND');
  });
});

import { ContactProfile, ContactProfileChanges, NewEvent } from '@carnet/events';
import { ContactError } from './contact.error';
import { ContactNote, ContactState, mergeProfile, notesOf } from './contact.state';

export function createContact(state: ContactState, profile: ContactProfile, source: 'api' | 'import'): NewEvent[] {
  if (state.exists) throw new ContactError('CONTACT_EXISTS', `contact ${state.id} already exists`);
  return [{ type: 'ContactCreated', data: { profile, source } }];
}

function mustExist(state: ContactState): ContactProfile {
  if (!state.exists || !state.profile) throw new ContactError('CONTACT_NOT_FOUND', 'contact not found');
  return state.profile;
}

/** Records only what really changes; an update that changes nothing records nothing. */
/** A contact from an import file, archived at once when the file says so (an export of archived contacts imports back archived). */
export function importContact(state: ContactState, profile: ContactProfile, archived: boolean): NewEvent[] {
  const created = createContact(state, profile, 'import');
  return archived ? [...created, { type: 'ContactArchived', data: {} }] : created;
}

export function updateContact(state: ContactState, changes: ContactProfileChanges): NewEvent[] {
  const profile = mustExist(state);
  const next = mergeProfile(profile, changes);
  return JSON.stringify(next) === JSON.stringify(profile) ? [] : [{ type: 'ContactUpdated', data: { changes } }];
}

// Archive and reactivate are idempotent: asking for the current status records nothing.
export function archiveContact(state: ContactState): NewEvent[] {
  mustExist(state);
  return state.status === 'archived' ? [] : [{ type: 'ContactArchived', data: {} }];
}

export function reactivateContact(state: ContactState): NewEvent[] {
  mustExist(state);
  return state.status === 'active' ? [] : [{ type: 'ContactReactivated', data: {} }];
}

function mustHaveNote(state: ContactState, noteId: string): ContactNote {
  const note = notesOf(state).find((n) => n.id === noteId);
  if (!note) throw new ContactError('NOTE_NOT_FOUND', 'note not found');
  return note;
}

// Notes can be written on archived contacts too: archiving keeps the whole history open to read and annotate.
export function addNote(state: ContactState, noteId: string, body: string): NewEvent[] {
  mustExist(state);
  if (notesOf(state).some((n) => n.id === noteId)) throw new ContactError('NOTE_EXISTS', `note ${noteId} already exists`);
  return [{ type: 'ContactNoteAdded', data: { noteId, body } }];
}

export function editNote(state: ContactState, noteId: string, body: string): NewEvent[] {
  mustExist(state);
  return mustHaveNote(state, noteId).body === body ? [] : [{ type: 'ContactNoteEdited', data: { noteId, body } }];
}

export function deleteNote(state: ContactState, noteId: string): NewEvent[] {
  mustExist(state);
  mustHaveNote(state, noteId);
  return [{ type: 'ContactNoteDeleted', data: { noteId } }];
}

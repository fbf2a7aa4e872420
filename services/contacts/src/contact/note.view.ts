import { ContactNote } from './domain/contact.state';

/** The API shape of a note (API.md `{ id, body, createdAt }`, plus when it was last edited). */
export interface NoteView {
  id: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface NotePage {
  items: NoteView[];
  nextCursor: string | null;
}

export const toNoteView = (n: ContactNote): NoteView => ({ id: n.id, body: n.body, createdAt: n.createdAt, updatedAt: n.updatedAt });

export type ContactErrorCode = 'CONTACT_NOT_FOUND' | 'CONTACT_EXISTS' | 'VERSION_CONFLICT' | 'NOTE_NOT_FOUND' | 'NOTE_EXISTS';

export const CONTACT_ERROR_STATUS: Record<ContactErrorCode, number> = {
  CONTACT_NOT_FOUND: 404,
  CONTACT_EXISTS: 409,
  VERSION_CONFLICT: 409,
  NOTE_NOT_FOUND: 404,
  NOTE_EXISTS: 409,
};

export class ContactError extends Error {
  constructor(readonly code: ContactErrorCode, message: string) {
    super(message);
    this.name = 'ContactError';
  }
}

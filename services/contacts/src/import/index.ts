// Contact import: pure parsing and column mapping (no HTTP, no database).
export type {
  ContactImportStream,
  ImportedAddress,
  ImportedContact,
  ImportIssue,
  ImportRow,
  ImportSource,
  ParsedContactImport,
} from './contact-import-types';
export { ImportFormatError } from './import-format-error';
export { openContactImport } from './open-contact-import';
export { parseContactImport } from './parse-contact-import';

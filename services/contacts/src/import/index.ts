// Contact import: pure parsing and column mapping (no HTTP, no database).
export type {
  ImportedAddress,
  ImportedContact,
  ImportIssue,
  ImportSource,
  ParsedContactImport,
} from './contact-import-types';
export { ImportFormatError } from './import-format-error';
export { parseContactImport } from './parse-contact-import';

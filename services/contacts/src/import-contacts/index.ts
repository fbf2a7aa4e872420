import { ContactImportService } from './contact-import.service';
import { EmailClaimRepository } from '../email-claims/email-claim.repository';
import { ImportJobRepository } from './import-job.repository';
import { ImportedContactsWriter } from './imported-contacts.writer';

/** The contact import's providers, spread into the contacts module. */
export const IMPORT_CONTACTS_PROVIDERS = [ContactImportService, EmailClaimRepository, ImportedContactsWriter, ImportJobRepository];

// Pure rules of a bulk import: which rows of a batch become new contacts, and with what profile.
import type { ContactProfile } from '@carnet/events';
import { isCurrencyCode } from '@carnet/money';
import type { ImportedContact, ImportIssue, ImportRow } from '../import';
import type { ImportSkip } from './import-report';

/** What the tenant gives a contact that the file does not (API.md defaults). */
export interface ImportDefaults {
  homeCurrency: string;
  defaultLanguage: string | null;
}

/** A row that will become a contact once its email (if any) is claimed for it. */
export interface NewContact {
  line: number;
  id: string;
  email: string | null;
  profile: ContactProfile;
  archived: boolean;
}

export interface BatchPlan {
  contacts: NewContact[];
  skipped: ImportSkip[];
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

// Stricter than the parser's: every part of the domain must have something in it.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_NAME_CHARS = 200;
const DEFAULT_PAYMENT_TERMS_DAYS = 30;

export const alreadyExists = (line: number, email: string): ImportSkip => ({ line, reason: `a contact with email ${email} already exists` });

/**
 * Sorts a batch of rows: rows that cannot become contacts keep their errors; an email that is not
 * a valid address is left out with a warning; a row repeating an email of an earlier row of the
 * batch is skipped (case-insensitively). Earlier batches and existing contacts are the email
 * claims' business.
 */
export function planImportBatch(rows: ImportRow[], defaults: ImportDefaults, newId: () => string): BatchPlan {
  const plan: BatchPlan = { contacts: [], skipped: [], warnings: [], errors: [] };
  const emails = new Set<string>();
  for (const row of rows) {
    plan.warnings.push(...row.warnings);
    plan.errors.push(...row.errors);
    const c = row.contact;
    if (!c) continue;
    const email = c.email && EMAIL.test(c.email) ? c.email : null;
    if (c.email && !email) plan.warnings.push({ line: row.line, message: `email "${c.email}" is not a valid address and was left out` });
    if (email) {
      const key = email.toLowerCase();
      if (emails.has(key)) {
        plan.skipped.push(alreadyExists(row.line, email));
        continue;
      }
      emails.add(key);
    }
    const chars = [...c.name].length;
    if (chars > MAX_NAME_CHARS) {
      plan.warnings.push({ line: row.line, message: `the name has ${chars} characters; its first ${MAX_NAME_CHARS} were kept` });
    }
    plan.contacts.push({ line: row.line, id: newId(), email, profile: importedProfile(c, email, defaults), archived: c.archived });
  }
  return plan;
}

/** The profile of an imported contact: what the file says, the tenant's defaults for the rest. */
export function importedProfile(c: ImportedContact, email: string | null, defaults: ImportDefaults): ContactProfile {
  return {
    name: [...c.name].slice(0, MAX_NAME_CHARS).join(''),
    email,
    companyName: c.companyName,
    phone: c.phone,
    color: c.color ? c.color.toUpperCase() : null,
    billing: {
      address: { ...c.address },
      language: c.language ?? defaults.defaultLanguage,
      currency: c.currency && isCurrencyCode(c.currency) ? c.currency : defaults.homeCurrency,
      paymentMethod: c.paymentMethod,
      paymentTermsDays: c.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS,
    },
  };
}

import { PAYMENT_METHODS, type PaymentMethod } from '@carnet/events';
import { isCurrencyCode } from '@carnet/money';
import { cleanText, sameText } from './clean-text';
import type { ImportedAddress, ImportedContact } from './contact-import-types';

/** A value read from one column/property, with its preference (lower rank wins, then order). */
export interface RankedValue {
  value: string;
  rank: number;
  order: number;
}

/** Everything a CSV row or a vCard says about a contact, before choosing and cleaning. */
export interface ContactDraft {
  first: string | null;
  middle: string | null;
  last: string | null;
  /** A person's whole name (vCard FN, "Full Name"). */
  fullName: string | null;
  /** A name that may be a person or an organisation ("Name", "Customer", "Display Name"). */
  display: string | null;
  company: string | null;
  /** Raw email cells; one may hold several addresses. */
  emails: RankedValue[];
  phones: RankedValue[];
  address: ImportedAddress;
  language: string | null;
  currency: string | null;
  color: string | null;
  paymentMethod: string | null;
  paymentTerms: string | null;
  /** A client status column or property ("Archived", "Inactive", "Active"…). */
  status: string | null;
}

export interface BuiltContact {
  contact: ImportedContact | null;
  warnings: string[];
  error: string | null;
}

export function emptyDraft(): ContactDraft {
  return {
    first: null,
    middle: null,
    last: null,
    fullName: null,
    display: null,
    company: null,
    emails: [],
    phones: [],
    address: emptyAddress(),
    language: null,
    currency: null,
    color: null,
    paymentMethod: null,
    paymentTerms: null,
    status: null,
  };
}

export function emptyAddress(): ImportedAddress {
  return { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
}

/**
 * Turn a draft into a contact: name = the person ("First Last"), else the display name, else the
 * company, else the email; companyName = the company unless it only repeats the person's name.
 * A draft with no name, no email and no company is an error.
 */
export function buildImportedContact(draft: ContactDraft, line: number): BuiltContact {
  const warnings: string[] = [];
  const { email, others, invalid } = pickEmail(draft.emails);
  if (others.length > 0) warnings.push(`Other email addresses not imported: ${others.join(', ')}.`);
  for (const bad of invalid) warnings.push(`"${bad}" is not a valid email address and was not imported.`);

  const person = joinName(draft.first, draft.middle, draft.last) ?? cleanText(draft.fullName);
  const display = cleanText(draft.display);
  const company = cleanText(draft.company);

  let name: string | null;
  let companyName: string | null;
  if (person) {
    name = person;
    // FreshBooks and others copy the person's name into the organisation field.
    companyName = company && !sameText(company, person) ? company : null;
  } else {
    name = display ?? company ?? email;
    companyName = company;
  }
  if (!name) {
    return { contact: null, warnings: [], error: 'No name, email or company: this record cannot become a contact.' };
  }

  return {
    contact: {
      line,
      name,
      email,
      companyName,
      phone: pickPhone(draft.phones),
      address: cleanAddress(draft.address),
      language: normalizeLanguage(draft.language, warnings),
      currency: normalizeCurrency(draft.currency, warnings),
      color: normalizeColor(draft.color, warnings),
      paymentMethod: normalizePaymentMethod(draft.paymentMethod, warnings),
      paymentTermsDays: normalizePaymentTerms(draft.paymentTerms, warnings),
      archived: isArchivedStatus(draft.status),
    },
    warnings,
    error: null,
  };
}

function joinName(...parts: (string | null)[]): string | null {
  return cleanText(parts.map((p) => cleanText(p)).filter((p) => p !== null).join(' '));
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u;

function byPreference(values: RankedValue[]): RankedValue[] {
  return [...values].sort((a, b) => a.rank - b.rank || a.order - b.order);
}

// Exports put several addresses in one cell (Google: "a@x.com ::: b@x.com"; others use ; or ,).
function pickEmail(values: RankedValue[]): { email: string | null; others: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const { value } of byPreference(values)) {
    const cell = cleanText(value);
    if (!cell) continue;
    const tokens = cell
      .split(/\s*:::\s*|[\s;,]+/)
      .map((t) => t.replace(/^<|>$/g, '').replace(/^mailto:/i, ''))
      .filter((t) => t.includes('@'));
    if (tokens.length === 0) invalid.push(cell);
    for (const token of tokens) {
      if (!EMAIL.test(token)) invalid.push(token);
      else if (!valid.some((v) => v.toLowerCase() === token.toLowerCase())) valid.push(token);
    }
  }
  return { email: valid[0] ?? null, others: valid.slice(1), invalid };
}

function pickPhone(values: RankedValue[]): string | null {
  for (const { value } of byPreference(values)) {
    const phone = cleanText(value);
    if (phone) return phone;
  }
  return null;
}

function cleanAddress(a: ImportedAddress): ImportedAddress {
  return {
    line1: cleanText(a.line1),
    line2: cleanText(a.line2),
    city: cleanText(a.city),
    region: cleanText(a.region),
    postalCode: cleanText(a.postalCode),
    country: cleanText(a.country),
  };
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en', anglais: 'en', french: 'fr', francais: 'fr', spanish: 'es', espanol: 'es', espagnol: 'es',
  german: 'de', deutsch: 'de', allemand: 'de', italian: 'it', italiano: 'it', italien: 'it',
  portuguese: 'pt', portugues: 'pt', portugais: 'pt', dutch: 'nl', nederlands: 'nl', neerlandais: 'nl',
  chinese: 'zh', chinois: 'zh', japanese: 'ja', japonais: 'ja', arabic: 'ar', arabe: 'ar',
};

/** A BCP 47 tag ("fr", "fr-CA"), from a tag ("fr_CA") or a language name ("Français"); else null + warning. */
function normalizeLanguage(raw: string | null, warnings: string[]): string | null {
  const value = cleanText(raw);
  if (!value) return null;
  const named = LANGUAGE_NAMES[value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()];
  if (named) return named;
  if (/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(value)) {
    try {
      const [tag] = Intl.getCanonicalLocales(value.replace(/_/g, '-'));
      if (tag) return tag;
    } catch {
      // not a valid tag: fall through to the warning
    }
  }
  warnings.push(`Language "${value}" is not a recognised language tag and was not imported.`);
  return null;
}

function normalizeCurrency(raw: string | null, warnings: string[]): string | null {
  const value = cleanText(raw);
  if (!value) return null;
  const code = value.toUpperCase();
  if (isCurrencyCode(code)) return code;
  warnings.push(`Currency "${value}" is not an ISO 4217 code and was not imported.`);
  return null;
}

function normalizeColor(raw: string | null, warnings: string[]): string | null {
  const value = cleanText(raw);
  if (!value) return null;
  const m = /^#?([0-9a-f]{6})$/i.exec(value);
  if (m) return `#${m[1]!.toUpperCase()}`;
  warnings.push(`Colour "${value}" is not written #RRGGBB and was not imported.`);
  return null;
}

// The API's names, plus the words exports and people use for them (English and French).
const PAYMENT_METHOD_NAMES: Record<string, PaymentMethod> = {
  banktransfer: 'bank_transfer', transfer: 'bank_transfer', wire: 'bank_transfer', wiretransfer: 'bank_transfer', eft: 'bank_transfer',
  virement: 'bank_transfer', virementbancaire: 'bank_transfer', check: 'cheque', cheque: 'cheque', cash: 'cash', comptant: 'cash',
  especes: 'cash', creditcard: 'credit_card', card: 'credit_card', cartedecredit: 'credit_card', carte: 'credit_card',
  interac: 'interac', etransfer: 'interac', interacetransfer: 'interac', paypal: 'paypal', other: 'other', autre: 'other',
};

function normalizePaymentMethod(raw: string | null, warnings: string[]): PaymentMethod | null {
  const value = cleanText(raw);
  if (!value) return null;
  const key = value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]/g, '');
  const method = PAYMENT_METHOD_NAMES[key] ?? PAYMENT_METHODS.find((m) => m.replace('_', '') === key);
  if (method) return method;
  warnings.push(`Payment method "${value}" is not one of ${PAYMENT_METHODS.join(', ')} and was not imported.`);
  return null;
}

// "30", "Net 30", "30 days", "Due on receipt" (0); more than a year is refused like the API does.
function normalizePaymentTerms(raw: string | null, warnings: string[]): number | null {
  const value = cleanText(raw);
  if (!value) return null;
  const days = /^(?:net\s*)?(\d{1,3})(?:\s*(?:days?|jours?))?$/i.exec(value)?.[1];
  if (days !== undefined && Number(days) <= 365) return Number(days);
  if (/^(due\s+(on|upon)\s+receipt|payable\s+(a|à)\s+(la\s+)?r(e|é)ception)$/i.test(value)) return 0;
  warnings.push(`Payment terms "${value}" are not a number of days from 0 to 365 and were not imported.`);
  return null;
}

// Only a status that says the client relationship ended archives the contact; other values of a
// "Status" column (a CRM's "warm", an invoice's "Due") say nothing about it and are left alone.
const ARCHIVED_STATUSES = new Set(['archived', 'archive', 'archivé', 'archivée', 'inactive', 'inactif', 'inactive client', 'disabled', 'désactivé']);

function isArchivedStatus(status: string | null): boolean {
  return status !== null && ARCHIVED_STATUSES.has(status.trim().normalize('NFC').toLowerCase());
}

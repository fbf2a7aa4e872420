// The words of a statement PDF, in the client's language (French or English): the statement's own
// words (shared with the portal) and those of the PDF's header.
import { DocumentLanguage, STATEMENT_WORDS, StatementWords } from '@carnet/i18n';

export interface StatementLabels extends StatementWords {
  client: string;
  period: (from: string, to: string) => string;
  currency: string;
  asOf: (date: string) => string;
  /** "Label: value", with French typography's no-break space before the colon. */
  field: (label: string, value: string) => string;
}

export const STATEMENT_LABELS: Record<DocumentLanguage, StatementLabels> = {
  fr: {
    ...STATEMENT_WORDS.fr,
    client: 'Client',
    period: (from, to) => `Période du ${from} au ${to}`,
    currency: 'Devise',
    asOf: (date) => `Données à jour au ${date}`,
    field: (label, value) => `${label}\u00a0: ${value}`,
  },
  en: {
    ...STATEMENT_WORDS.en,
    client: 'Client',
    period: (from, to) => `Period from ${from} to ${to}`,
    currency: 'Currency',
    asOf: (date) => `Data as of ${date}`,
    field: (label, value) => `${label}: ${value}`,
  },
};

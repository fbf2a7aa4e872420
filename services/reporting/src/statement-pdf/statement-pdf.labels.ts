// The words of a statement PDF, in the client's language (French or English).
import { DocumentLanguage } from '@carnet/i18n';
import { AgingBucket, LedgerEntryType } from '../domain';

export interface StatementLabels {
  title: string;
  client: string;
  period: (from: string, to: string) => string;
  currency: string;
  openingBalance: string;
  closingBalance: string;
  columns: { date: string; type: string; reference: string; debit: string; credit: string; balance: string };
  types: Record<LedgerEntryType, string>;
  noLines: string;
  agingTitle: string;
  aging: Record<AgingBucket, string>;
  asOf: (instant: string) => string;
  /** "Label: value", with French typography's no-break space before the colon. */
  field: (label: string, value: string) => string;
}

export const STATEMENT_LABELS: Record<DocumentLanguage, StatementLabels> = {
  fr: {
    title: 'Relevé de compte',
    client: 'Client',
    period: (from, to) => `Période du ${from} au ${to}`,
    currency: 'Devise',
    openingBalance: "Solde d'ouverture",
    closingBalance: 'Solde de clôture',
    columns: { date: 'Date', type: 'Type', reference: 'Référence', debit: 'Débit', credit: 'Crédit', balance: 'Solde' },
    types: { invoice: 'Facture', payment: 'Paiement', credit: 'Crédit', void: 'Annulation' },
    noLines: 'Aucun mouvement pendant la période.',
    agingTitle: 'Échéancier des montants dus',
    aging: { current: 'Courant', days1to30: '1 à 30 jours', days31to60: '31 à 60 jours', days61to90: '61 à 90 jours', over90: 'Plus de 90 jours' },
    asOf: (instant) => `Données à jour au ${instant}`,
    field: (label, value) => `${label}\u00a0: ${value}`,
  },
  en: {
    title: 'Statement of account',
    client: 'Client',
    period: (from, to) => `Period from ${from} to ${to}`,
    currency: 'Currency',
    openingBalance: 'Opening balance',
    closingBalance: 'Closing balance',
    columns: { date: 'Date', type: 'Type', reference: 'Reference', debit: 'Debit', credit: 'Credit', balance: 'Balance' },
    types: { invoice: 'Invoice', payment: 'Payment', credit: 'Credit', void: 'Void' },
    noLines: 'No activity in the period.',
    agingTitle: 'Aging of amounts due',
    aging: { current: 'Current', days1to30: '1–30 days', days31to60: '31–60 days', days61to90: '61–90 days', over90: 'Over 90 days' },
    asOf: (instant) => `Data as of ${instant}`,
    field: (label, value) => `${label}: ${value}`,
  },
};

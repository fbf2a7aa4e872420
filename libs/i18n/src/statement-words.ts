// The words of a statement of account, shared by the PDF and the client portal.
import { DocumentLanguage } from './document-language';

export type StatementLineType = 'invoice' | 'payment' | 'credit' | 'void';
export type AgingBucketName = 'current' | 'days1to30' | 'days31to60' | 'days61to90' | 'over90';
export const AGING_BUCKET_ORDER: readonly AgingBucketName[] = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'];

export interface StatementWords {
  title: string;
  openingBalance: string;
  closingBalance: string;
  columns: { date: string; type: string; reference: string; debit: string; credit: string; balance: string };
  types: Record<StatementLineType, string>;
  noLines: string;
  agingTitle: string;
  aging: Record<AgingBucketName, string>;
}

export const STATEMENT_WORDS: Record<DocumentLanguage, StatementWords> = {
  fr: {
    title: 'Relevé de compte',
    openingBalance: "Solde d'ouverture",
    closingBalance: 'Solde de clôture',
    columns: { date: 'Date', type: 'Type', reference: 'Référence', debit: 'Débit', credit: 'Crédit', balance: 'Solde' },
    types: { invoice: 'Facture', payment: 'Paiement', credit: 'Crédit', void: 'Annulation' },
    noLines: 'Aucun mouvement pendant la période.',
    agingTitle: 'Échéancier des montants dus',
    aging: { current: 'Courant', days1to30: '1 à 30 jours', days31to60: '31 à 60 jours', days61to90: '61 à 90 jours', over90: 'Plus de 90 jours' },
  },
  en: {
    title: 'Statement of account',
    openingBalance: 'Opening balance',
    closingBalance: 'Closing balance',
    columns: { date: 'Date', type: 'Type', reference: 'Reference', debit: 'Debit', credit: 'Credit', balance: 'Balance' },
    types: { invoice: 'Invoice', payment: 'Payment', credit: 'Credit', void: 'Void' },
    noLines: 'No activity in the period.',
    agingTitle: 'Aging of amounts due',
    aging: { current: 'Current', days1to30: '1–30 days', days31to60: '31–60 days', days61to90: '61–90 days', over90: 'Over 90 days' },
  },
};

// The words of the client portal, in the client's language (French or English).
import { DocumentLanguage, STATEMENT_WORDS, StatementWords } from '@carnet/i18n';

export interface PortalLabels {
  title: (tenant: string) => string;
  greeting: (client: string) => string;
  balance: string;
  moneyOwed: string;
  creditAvailable: string;
  alsoIn: (currency: string) => string;
  asOf: (date: string) => string;
  statement: StatementWords;
  period: string;
  from: string;
  to: string;
  show: string;
  downloadPdf: string;
  invoices: string;
  invoiceColumns: { number: string; date: string; dueDate: string; total: string; outstanding: string; status: string };
  quotes: string;
  quoteColumns: { number: string; date: string; validUntil: string; total: string; status: string };
  receipts: string;
  receiptColumns: { number: string; date: string; amount: string; method: string };
  none: string;
  statuses: Record<string, string>;
  methods: Record<string, string>;
  readOnly: string;
  errors: { invalid: string; expired: string; unavailable: string };
}

export const PORTAL_LABELS: Record<DocumentLanguage, PortalLabels> = {
  fr: {
    title: (tenant) => `${tenant} — espace client`,
    greeting: (client) => `Bonjour ${client}`,
    balance: 'Solde',
    moneyOwed: 'Montant dû',
    creditAvailable: 'Crédit disponible',
    alsoIn: (currency) => `Documents en ${currency}`,
    asOf: (date) => `Données à jour au ${date}`,
    statement: STATEMENT_WORDS.fr,
    period: 'Période',
    from: 'Du',
    to: 'au',
    show: 'Afficher',
    downloadPdf: 'Télécharger le relevé (PDF)',
    invoices: 'Factures',
    invoiceColumns: { number: 'Numéro', date: 'Date', dueDate: 'Échéance', total: 'Total', outstanding: 'Reste à payer', status: 'État' },
    quotes: 'Devis',
    quoteColumns: { number: 'Numéro', date: 'Date', validUntil: "Valide jusqu'au", total: 'Total', status: 'État' },
    receipts: 'Reçus',
    receiptColumns: { number: 'Numéro', date: 'Date', amount: 'Montant', method: 'Mode de paiement' },
    none: 'Aucun.',
    statuses: {
      sent: 'Envoyée', partially_paid: 'Payée en partie', paid: 'Payée', void: 'Annulée',
      accepted: 'Acceptée', declined: 'Refusée', converted: 'Facturée',
    },
    methods: {
      bank_transfer: 'Virement bancaire', cheque: 'Chèque', cash: 'Comptant', credit_card: 'Carte de crédit',
      interac: 'Virement Interac', paypal: 'PayPal', other: 'Autre',
    },
    readOnly: 'Cette page est en lecture seule. Pour toute question, communiquez avec nous.',
    errors: {
      invalid: "Ce lien d'espace client n'est pas valide. Vérifiez qu'il a été copié en entier.",
      expired: "Ce lien d'espace client a expiré. Demandez-en un nouveau.",
      unavailable: "L'espace client est momentanément indisponible. Réessayez dans quelques instants.",
    },
  },
  en: {
    title: (tenant) => `${tenant} — client portal`,
    greeting: (client) => `Hello ${client}`,
    balance: 'Balance',
    moneyOwed: 'Amount owed',
    creditAvailable: 'Credit available',
    alsoIn: (currency) => `Documents in ${currency}`,
    asOf: (date) => `Data as of ${date}`,
    statement: STATEMENT_WORDS.en,
    period: 'Period',
    from: 'From',
    to: 'to',
    show: 'Show',
    downloadPdf: 'Download the statement (PDF)',
    invoices: 'Invoices',
    invoiceColumns: { number: 'Number', date: 'Date', dueDate: 'Due', total: 'Total', outstanding: 'Outstanding', status: 'Status' },
    quotes: 'Quotes',
    quoteColumns: { number: 'Number', date: 'Date', validUntil: 'Valid until', total: 'Total', status: 'Status' },
    receipts: 'Receipts',
    receiptColumns: { number: 'Number', date: 'Date', amount: 'Amount', method: 'Payment method' },
    none: 'None.',
    statuses: {
      sent: 'Sent', partially_paid: 'Partially paid', paid: 'Paid', void: 'Void',
      accepted: 'Accepted', declined: 'Declined', converted: 'Invoiced',
    },
    methods: {
      bank_transfer: 'Bank transfer', cheque: 'Cheque', cash: 'Cash', credit_card: 'Credit card',
      interac: 'Interac e-Transfer', paypal: 'PayPal', other: 'Other',
    },
    readOnly: 'This page is read-only. For any question, please contact us.',
    errors: {
      invalid: 'This client portal link is not valid. Check that it was copied in full.',
      expired: 'This client portal link has expired. Ask for a new one.',
      unavailable: 'The client portal is unavailable for a moment. Try again shortly.',
    },
  },
};

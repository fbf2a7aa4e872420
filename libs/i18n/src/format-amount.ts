import { DocumentLanguage } from './document-language';

/**
 * A money string of the API ("-1234.56", "1000") written the way the language does:
 * "-1 234,56" (no-break space, decimal comma) in French, "-1,234.56" in English. Text only, no arithmetic.
 */
export function formatAmount(amount: string, language: DocumentLanguage): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m) throw new RangeError(`not a money string: ${amount}`);
  const [, sign, whole, fraction] = m;
  const group = language === 'fr' ? '\u00a0' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${fraction === undefined ? '' : (language === 'fr' ? ',' : '.') + fraction}`;
}

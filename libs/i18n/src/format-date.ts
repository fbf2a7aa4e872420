import { DocumentLanguage } from './document-language';

/** A YYYY-MM-DD calendar date written out in the language ("3 décembre 2026", "December 3, 2026"). */
export function formatDate(date: string, language: DocumentLanguage): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

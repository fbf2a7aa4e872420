/** The languages of what a client reads (statements, the portal). */
export type DocumentLanguage = 'fr' | 'en';

/** French for any French tag (fr, fr-CA…), else English; no tag: the tenant's default language. */
export function documentLanguage(tag: string | null | undefined, tenantDefault: string | null | undefined): DocumentLanguage {
  const chosen = (tag ?? tenantDefault ?? 'en').toLowerCase();
  return chosen === 'fr' || chosen.startsWith('fr-') ? 'fr' : 'en';
}

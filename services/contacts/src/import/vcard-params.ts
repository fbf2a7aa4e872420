import type { VCardProperty } from './read-vcard-cards';

/** First value of a parameter (names are upper case), e.g. paramValue(p, 'CHARSET'). */
export function paramValue(prop: VCardProperty, name: string): string | undefined {
  return prop.params.find((p) => p.name === name)?.values[0];
}

/** All TYPE values, lower case (2.1 bare WORK/PREF, 3.0 TYPE=work,pref, repeated TYPE=). */
export function typesOf(prop: VCardProperty): string[] {
  return prop.params.filter((p) => p.name === 'TYPE').flatMap((p) => p.values.map((v) => v.toLowerCase()));
}

/**
 * Preference of a property, lower is more preferred: PREF=n (4.0, 1 is the most preferred);
 * TYPE=pref or a bare 2.1 PREF count as 1; no preference is 101.
 */
export function prefRank(prop: VCardProperty): number {
  const pref = Number(paramValue(prop, 'PREF'));
  if (Number.isInteger(pref) && pref >= 1) return pref;
  return typesOf(prop).includes('pref') ? 1 : 101;
}

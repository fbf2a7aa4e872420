import { buildImportedContact, emptyAddress, emptyDraft, type RankedValue } from './build-imported-contact';
import { cleanLines, cleanText, sameText } from './clean-text';
import type { ImportedAddress, ParsedContactImport } from './contact-import-types';
import { decodeVCardValue } from './decode-vcard-value';
import { ImportFormatError } from './import-format-error';
import { readVCardCards, type VCardCard, type VCardProperty } from './read-vcard-cards';
import { prefRank, typesOf } from './vcard-params';
import { splitComponents, splitNameComponents, unescapeText } from './vcard-text';

/**
 * Parse vCard 2.1/3.0/4.0 into contacts. `binary` holds the file's bytes one char per byte
 * (latin1); `charsetApplies` is false when those bytes are a UTF-8 re-encoding of a UTF-16 file.
 */
export function parseVCardContacts(binary: string, charsetApplies: boolean): ParsedContactImport {
  const cards = readVCardCards(binary);
  if (cards.length === 0) throw new ImportFormatError('No vCard (BEGIN:VCARD … END:VCARD) was found in this file.');
  const result: ParsedContactImport = { format: 'vcard', source: 'vcard', contacts: [], warnings: [], errors: [] };
  for (const card of cards) readCard(card, charsetApplies, result);
  return result;
}

function readCard(card: VCardCard, charsetApplies: boolean, result: ParsedContactImport): void {
  const warnings: string[] = [];
  if (!card.closed) warnings.push('The file ends before END:VCARD; the card was read as far as it goes.');

  const guessed = new Set<string>();
  const damaged = new Set<string>();
  const text = (prop: VCardProperty): string | null => {
    const decoded = decodeVCardValue(prop, charsetApplies);
    if (!decoded) return null;
    if (decoded.guessed && /[^\x00-\x7f]/.test(decoded.text)) guessed.add(prop.name);
    if (decoded.damaged) damaged.add(prop.name);
    return decoded.text;
  };
  const props = (name: string): VCardProperty[] => card.properties.filter((p) => p.name === name);

  // Several FN/N/ORG (4.0 ALTID language variants, repeated 2.1 ORG): the first one is used.
  const fnProp = props('FN').find((p) => cleanText(p.value) !== null);
  const fn = fnProp ? cleanText(unescapeText(text(fnProp) ?? '')) : null;
  const nProp = props('N')[0];
  const n = nProp ? splitNameComponents(text(nProp) ?? '') : [];
  // N is family;given;additional;prefix;suffix.
  const fromN = cleanText([n[1], n[2], n[0]].filter(Boolean).join(' '));
  const orgProp = props('ORG').find((p) => cleanText(p.value) !== null);
  const org = orgProp ? cleanText(splitComponents(text(orgProp) ?? '')[0]) : null;

  const kind = props('KIND')[0]?.value.trim().toLowerCase();
  const showAs = props('X-ABSHOWAS')[0]?.value.trim().toUpperCase();
  const isOrganisation =
    kind === 'org' || kind === 'organization' || showAs === 'COMPANY' || (!fromN && !!fn && !!org && sameText(fn, org));

  const draft = emptyDraft();
  if (isOrganisation) {
    draft.display = fn ?? org;
  } else {
    // FN is the name the card asks to be shown as; N is the fallback when FN is missing.
    draft.fullName = fn ?? fromN;
  }
  draft.company = org;

  props('EMAIL').forEach((p, order) => {
    const value = text(p);
    if (value !== null) draft.emails.push({ value: unescapeText(value), rank: prefRank(p), order });
  });
  props('TEL').forEach((p, order) => {
    const types = typesOf(p);
    if (types.some((t) => t === 'fax' || t === 'pager' || t === 'modem')) return;
    const value = text(p);
    if (value === null) return;
    draft.phones.push({ value: phoneText(value), rank: phoneRank(p, types), order });
  });
  draft.address = chooseAddress(props('ADR'), text);
  const lang = [...props('LANG')].sort((a, b) => prefRank(a) - prefRank(b))[0];
  draft.language = lang ? cleanText(text(lang)) : null;
  // Carnet's own export keeps the billing preferences vCard has no property for.
  const extension = (name: string): string | null => {
    const prop = props(name)[0];
    return prop ? cleanText(unescapeText(text(prop) ?? '')) : null;
  };
  draft.currency = extension('X-CARNET-CURRENCY');
  draft.color = extension('X-CARNET-COLOR');
  draft.paymentMethod = extension('X-CARNET-PAYMENT-METHOD');
  draft.paymentTerms = extension('X-CARNET-PAYMENT-TERMS-DAYS');
  draft.status = extension('X-CARNET-STATUS');

  const built = buildImportedContact(draft, card.line);
  if (!built.contact) {
    result.errors.push({ line: card.line, message: built.error ?? 'This card cannot become a contact.' });
    return;
  }
  result.contacts.push(built.contact);
  if (guessed.size > 0) {
    warnings.push(
      `${[...guessed].join(', ')} named no character set and was not UTF-8, so it was read as Windows-1252: ` +
        `check "${built.contact.name}".`,
    );
  }
  if (damaged.size > 0) warnings.push(`Bytes that are not valid UTF-8 were dropped from ${[...damaged].join(', ')}.`);
  for (const message of [...warnings, ...built.warnings]) result.warnings.push({ line: card.line, message });
}

function phoneRank(p: VCardProperty, types: string[]): number {
  const pref = prefRank(p);
  if (pref <= 100) return pref / 1000;
  if (types.includes('work')) return 1;
  if (types.includes('cell') || types.includes('mobile')) return 2;
  if (types.includes('home')) return 3;
  return 1.5;
}

// 4.0 writes TEL as a URI: "tel:+1-418-656-9254;ext=102".
function phoneText(value: string): string {
  const v = unescapeText(value).trim().replace(/^tel:/i, '');
  const [number = '', ...params] = v.split(';');
  const ext = params.find((x) => /^ext=/i.test(x))?.slice(4);
  return ext ? `${number} ext. ${ext}` : number;
}

// One address: the preferred ADR, else the work one, else the first, skipping empty ones.
function chooseAddress(adrs: VCardProperty[], text: (p: VCardProperty) => string | null): ImportedAddress {
  const candidates: (RankedValue & { address: ImportedAddress })[] = [];
  adrs.forEach((p, order) => {
    const value = text(p);
    if (value === null) return;
    const address = adrToAddress(splitComponents(value));
    if (!Object.values(address).some((v) => v !== null)) return;
    const rank = prefRank(p) <= 100 ? 0 : typesOf(p).includes('work') ? 1 : 2;
    candidates.push({ value, rank, order, address });
  });
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return candidates[0]?.address ?? emptyAddress();
}

// ADR is PO box;extended;street;locality;region;postal code;country.
function adrToAddress(c: string[]): ImportedAddress {
  const poBox = cleanText(c[0]);
  const extended = cleanLines(c[1]);
  const street = cleanLines(c[2]);
  const base = street.length > 0 ? street : extended;
  const rest = [...base.slice(1), ...(base === street ? extended : []), ...(poBox ? [poBox] : [])];
  const line1 = base[0] ?? rest.shift() ?? null;
  return {
    line1,
    line2: rest.length > 0 ? rest.join(', ') : null,
    city: cleanText(c[3]),
    region: cleanText(c[4]),
    postalCode: cleanText(c[5]),
    country: cleanText(c[6]),
  };
}

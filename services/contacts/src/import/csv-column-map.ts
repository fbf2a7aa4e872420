import type { ImportSource } from './contact-import-types';

// What one CSV column feeds. Columns are matched on their normalised header (see normalizeHeader).

export type NameField = 'first' | 'middle' | 'last' | 'fullName' | 'display' | 'company';
export type AddressPart =
  | 'street'
  | 'street2'
  | 'street3'
  | 'poBox'
  | 'city'
  | 'region'
  | 'postalCode'
  | 'country'
  | 'formatted'
  | 'line';

export type ColumnTarget =
  | { kind: 'name'; field: NameField }
  // rank: lower wins when a row has several emails/phones; column order breaks ties.
  | { kind: 'email'; rank: number; slot?: number }
  | { kind: 'phone'; rank: number; slot?: number }
  // Google's "E-mail 1 - Type" / "Phone 1 - Type": say which value is primary ("* Home") or a fax.
  | { kind: 'emailType'; slot: number }
  | { kind: 'phoneType'; slot: number }
  | { kind: 'address'; block: string; blockRank: number; part: AddressPart; index?: number }
  | { kind: 'language' }
  | { kind: 'currency' }
  | { kind: 'color' }
  | { kind: 'paymentMethod' }
  | { kind: 'paymentTerms' }
  | { kind: 'status' }
  // Known column that must not be read as what its name suggests (Wave's shipping_address is a flag).
  | { kind: 'ignore' };

const names = (field: NameField, ...keys: string[]): [string, ColumnTarget][] =>
  keys.map((k) => [k, { kind: 'name', field }]);
const emails = (rank: number, ...keys: string[]): [string, ColumnTarget][] =>
  keys.map((k) => [k, { kind: 'email', rank }]);
const phones = (rank: number, ...keys: string[]): [string, ColumnTarget][] =>
  keys.map((k) => [k, { kind: 'phone', rank }]);

// English and French names used by the common exports and by hand-made files.
const GENERIC = new Map<string, ColumnTarget>([
  ...names('first', 'firstname', 'givenname', 'givennames', 'first', 'fname', 'forename', 'contactfirstname', 'prenom'),
  ...names('middle', 'middlename', 'additionalname', 'middle', 'mi', 'middleinitial', 'secondname'),
  ...names('last', 'lastname', 'familyname', 'surname', 'last', 'lname', 'contactlastname', 'nomdefamille', 'nomfamille'),
  ...names('fullName', 'fullname', 'contactname', 'contact', 'contactperson', 'personname', 'primarycontact', 'nomcomplet'),
  ...names(
    'display',
    'name', 'displayname', 'customername', 'clientname', 'client', 'customer',
    'nomduclient', 'nomclient', 'nomaffiche',
  ),
  ...names(
    'company',
    'company', 'companyname', 'organization', 'organisation', 'organizationname', 'organisationname',
    'organization1name', 'org', 'businessname', 'employer',
    'entreprise', 'nomdelentreprise', 'societe', 'nomdelasociete', 'raisonsociale', 'compagnie', 'organisme',
  ),
  ...emails(
    0,
    'email', 'emailaddress', 'mail', 'primaryemail', 'mainemail', 'emailid', 'emailrecipient', 'customeremail',
    'contactemail', 'courriel', 'adressecourriel', 'adresseemail', 'adressemail', 'adresseelectronique', 'emailprincipal',
  ),
  ...emails(0.5, 'emailwork', 'workemail', 'businessemail', 'courrieltravail'),
  ...emails(1, 'emailhome', 'homeemail', 'personalemail', 'secondaryemail', 'email2', 'email2address', 'emailaddress2', 'courrielpersonnel'),
  ...emails(1.5, 'emailother', 'otheremail', 'email3', 'email3address', 'emailaddress3', 'alternateemail', 'altemail'),
  ...phones(
    0,
    'phone', 'telephone', 'tel', 'phonenumber', 'phonenumbers', 'primaryphone', 'mainphone', 'billingphone',
    'customerphone', 'contactphone', 'numerodetelephone', 'telephoneprincipal',
  ),
  ...phones(1, 'businessphone', 'businessphone2', 'workphone', 'phonework', 'companymainphone', 'officephone', 'telephonebureau', 'telephonetravail'),
  ...phones(2, 'mobile', 'mobilephone', 'mobilenumber', 'cellphone', 'cell', 'phonemobile', 'homemobile', 'cellulaire', 'portable', 'telephonemobile', 'telephonecellulaire'),
  ...phones(3, 'homephone', 'homephone2', 'phonehome', 'telephonedomicile', 'telephonemaison'),
  ...phones(4, 'otherphone', 'phoneother', 'altphone', 'alternatephone', 'tollfree', 'carphone', 'shippingphone', 'shippingphonenumber', 'shiptophone', 'autretelephone'),
  ...['language', 'langue', 'lang', 'preferredlanguage', 'languagecode', 'locale', 'languepreferee'].map(
    (k): [string, ColumnTarget] => [k, { kind: 'language' }],
  ),
  ...['currency', 'currencycode', 'customercurrency', 'defaultcurrency', 'devise', 'codedevise', 'monnaie'].map(
    (k): [string, ColumnTarget] => [k, { kind: 'currency' }],
  ),
  ...['color', 'colour', 'couleur'].map((k): [string, ColumnTarget] => [k, { kind: 'color' }]),
  ...['paymentmethod', 'preferredpaymentmethod', 'modedepaiement', 'modepaiement'].map(
    (k): [string, ColumnTarget] => [k, { kind: 'paymentMethod' }],
  ),
  ...['paymentterms', 'paymenttermsdays', 'termsdays', 'netterms', 'delaidepaiement', 'conditionsdepaiement'].map(
    (k): [string, ColumnTarget] => [k, { kind: 'paymentTerms' }],
  ),
  ...['status', 'statut', 'contactstatus', 'clientstatus', 'customerstatus', 'statutduclient'].map(
    (k): [string, ColumnTarget] => [k, { kind: 'status' }],
  ),
]);

// Where an export uses a generic-looking name for something else.
const SOURCE_OVERRIDES: Partial<Record<ImportSource, Record<string, ColumnTarget>>> = {
  // Invoice Ninja's "Name" is the client (organisation); the person is First/Last Name.
  invoiceninja: { name: { kind: 'name', field: 'company' } },
  // Wave's customer_name is the customer business; contact_* is the person there.
  // shipping_address holds True/False (is there a shipping address), not an address.
  wave: {
    customername: { kind: 'name', field: 'company' },
    shippingaddress: { kind: 'ignore' },
  },
  // Invoice2go's "State" is the document's sync state ("synced"), not a region.
  invoice2go: {
    documentrecipientaddress: { kind: 'address', block: 'main', blockRank: 1, part: 'street' },
    state: { kind: 'ignore' },
  },
};

const PARTS = new Map<string, AddressPart>([
  ...['street', 'streetaddress', 'address', 'address1', 'addressline1', 'line1', 'street1', 'addr', 'addr1', 'adresse', 'adresseligne1', 'rue'].map(
    (k): [string, AddressPart] => [k, 'street'],
  ),
  ...['street2', 'address2', 'addressline2', 'line2', 'apt', 'aptsuite', 'suite', 'unit', 'extendedaddress', 'adresse2', 'adresseligne2', 'complementdadresse', 'complement'].map(
    (k): [string, AddressPart] => [k, 'street2'],
  ),
  ...['street3', 'address3', 'addressline3', 'line3'].map((k): [string, AddressPart] => [k, 'street3']),
  ...['pobox', 'postofficebox', 'boitepostale', 'casepostale'].map((k): [string, AddressPart] => [k, 'poBox']),
  ...['city', 'town', 'citytown', 'locality', 'ville', 'municipalite', 'localite'].map((k): [string, AddressPart] => [k, 'city']),
  ...[
    'state', 'province', 'region', 'stateprovince', 'provincestate', 'stateregion', 'provinceregion', 'regionprovince',
    'stateorprovince', 'provinceterritory', 'etat', 'etatprovince', 'provinceetat',
  ].map((k): [string, AddressPart] => [k, 'region']),
  ...['zip', 'zipcode', 'postalcode', 'postcode', 'zippostalcode', 'postalcodezipcode', 'zippostal', 'codepostal'].map(
    (k): [string, AddressPart] => [k, 'postalCode'],
  ),
  ...['country', 'countryregion', 'countryname', 'countrycode', 'pays'].map((k): [string, AddressPart] => [k, 'country']),
  ...['formatted', 'formattedaddress', 'fulladdress', 'adressecomplete'].map((k): [string, AddressPart] => [k, 'formatted']),
]);

// Prefixes naming an address block, most wanted first (billing is what an invoice needs).
const BLOCKS: { prefix: string; block: string; rank: number }[] = [
  { prefix: 'billing', block: 'billing', rank: 0 },
  { prefix: 'billto', block: 'billing', rank: 0 },
  { prefix: 'bill', block: 'billing', rank: 0 },
  { prefix: 'facturation', block: 'billing', rank: 0 },
  { prefix: 'customer', block: 'main', rank: 1 },
  { prefix: 'mailing', block: 'mailing', rank: 1.5 },
  { prefix: 'business', block: 'work', rank: 2 },
  { prefix: 'work', block: 'work', rank: 2 },
  { prefix: 'office', block: 'work', rank: 2 },
  { prefix: 'home', block: 'home', rank: 4 },
  { prefix: 'personal', block: 'home', rank: 4 },
  { prefix: 'other', block: 'other', rank: 5 },
  { prefix: 'shipping', block: 'shipping', rank: 7 },
  { prefix: 'shipto', block: 'shipping', rank: 7 },
  { prefix: 'ship', block: 'shipping', rank: 7 },
  { prefix: 'delivery', block: 'shipping', rank: 7 },
  { prefix: 'livraison', block: 'shipping', rank: 7 },
].sort((a, b) => b.prefix.length - a.prefix.length);

/**
 * What a column (by normalised header) feeds, or null when it is not imported.
 * `headers` is the whole normalised header row: French "Nom" means the surname next to a
 * "Prénom" column and the whole name otherwise.
 */
export function resolveCsvColumn(header: string, source: ImportSource, headers: ReadonlySet<string>): ColumnTarget | null {
  if (header === '') return null;
  const override = SOURCE_OVERRIDES[source]?.[header];
  if (override) return override;
  if (header === 'nom') return { kind: 'name', field: headers.has('prenom') ? 'last' : 'display' };

  const generic = GENERIC.get(header);
  if (generic) return generic;

  // Google: "E-mail 1 - Value", "E-mail 1 - Type", "Phone 2 - Value", "Address 1 - City"…
  let m = /^email(\d+)value$/.exec(header);
  if (m) return { kind: 'email', rank: 1 + Number(m[1]) / 1000, slot: Number(m[1]) };
  m = /^email(\d+)(?:type|label)$/.exec(header);
  if (m) return { kind: 'emailType', slot: Number(m[1]) };
  m = /^phone(\d+)value$/.exec(header);
  if (m) return { kind: 'phone', rank: 1 + Number(m[1]) / 1000, slot: Number(m[1]) };
  m = /^phone(\d+)(?:type|label)$/.exec(header);
  if (m) return { kind: 'phoneType', slot: Number(m[1]) };
  m = /^address(\d+)([a-z]+)$/.exec(header);
  if (m) {
    const part = PARTS.get(m[2]!);
    if (part) return { kind: 'address', block: `address${m[1]}`, blockRank: 3 + Number(m[1]) / 1000, part };
  }

  const mainPart = PARTS.get(header);
  if (mainPart) return { kind: 'address', block: 'main', blockRank: 1, part: mainPart };

  for (const { prefix, block, rank } of BLOCKS) {
    if (!header.startsWith(prefix) || header.length === prefix.length) continue;
    const rest = header.slice(prefix.length);
    // QuickBooks "Bill to 1…5": the lines of a printed address block.
    if (/^\d$/.test(rest)) return { kind: 'address', block, blockRank: rank, part: 'line', index: Number(rest) };
    const part = rest === 'code' ? 'postalCode' : PARTS.get(rest);
    if (part) return { kind: 'address', block, blockRank: rank, part };
  }
  return null;
}

/** Columns that can, alone, make a row a contact: used to recognise a header line. */
export function isIdentityColumn(target: ColumnTarget | null): boolean {
  return target !== null && (target.kind === 'name' || target.kind === 'email');
}

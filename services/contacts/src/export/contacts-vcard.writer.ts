import { ContactView } from '../contact/contact.view';

// vCard 3.0 (RFC 2426) text escaping: backslash, comma, semicolon and line breaks.
const text = (v: string | null) => (v ?? '').replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');

// Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character.
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

function card(c: ContactView): string {
  const a = c.billing.address;
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:urn:uuid:${c.id}`,
    `FN:${text(c.name)}`,
    // N is required in 3.0; the display name is the contact's name, not split into parts.
    'N:;;;;',
    c.companyName !== null ? `ORG:${text(c.companyName)}` : null,
    c.email !== null ? `EMAIL;TYPE=INTERNET,PREF:${text(c.email)}` : null,
    c.phone !== null ? `TEL;TYPE=WORK,VOICE:${text(c.phone)}` : null,
    Object.values(a).some((v) => v !== null)
      // ADR is PO box;extended;street;locality;region;postal code;country: line2 is the extended part.
      ? `ADR;TYPE=WORK,PREF:;${text(a.line2)};${text(a.line1)};${text(a.city)};${text(a.region)};${text(a.postalCode)};${text(a.country)}`
      : null,
    c.billing.language !== null ? `LANG:${text(c.billing.language)}` : null,
    // Billing preferences have no vCard property: extensions that the contact import reads back.
    `X-CARNET-CURRENCY:${c.billing.currency}`,
    `X-CARNET-PAYMENT-TERMS-DAYS:${c.billing.paymentTermsDays}`,
    c.billing.paymentMethod !== null ? `X-CARNET-PAYMENT-METHOD:${c.billing.paymentMethod}` : null,
    c.color !== null ? `X-CARNET-COLOR:${c.color}` : null,
    `X-CARNET-STATUS:${c.status}`,
    'END:VCARD',
  ];
  return lines.filter((l): l is string => l !== null).map(fold).join('\r\n') + '\r\n';
}

/** vCard 3.0 of contacts (UTF-8), one card per chunk so a large tenant streams in bounded memory. */
export async function* writeContactsVCard(contacts: AsyncIterable<ContactView> | Iterable<ContactView>): AsyncGenerator<string> {
  for await (const c of contacts) yield card(c);
}

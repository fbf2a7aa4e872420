// Header names are compared case-, accent- and punctuation-insensitively: "E-mail 1 - Value",
// "e_mail_1_value" and "Émail 1 value" all become "email1value".
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

// Which contact a billing call is about, so the gateway can hand billing that contact as the contacts
// service has it right now: named in the path or the JSON body, or by the document a send or a
// conversion acts on (the commands that refuse an archived contact).
import { isUUID } from 'class-validator';

const PATH_CONTACT = /^\/v1\/contacts\/([^/]+)\/(rates|credits)(\/.*)?$/;
const BODY_CONTACT_PATHS = new Set(['/v1/invoices', '/v1/quotes', '/v1/payments']);
const DOCUMENT_COMMAND = /^\/v1\/(invoices|quotes)\/([^/]+)\/(send|convert)$/;
// The id check billing's own DTOs make (IsUUID('all')), so a call names a contact exactly when billing reads one.
const isId = (v: string) => isUUID(v, 'all');

export type BillingContactRef = { contactId: string } | { document: 'invoices' | 'quotes'; id: string } | null;

/** The contact, or the document that leads to it; null when the call names none, or names something that is not an id (billing answers that). */
export function billingContactOf(method: string, path: string, body: Buffer | undefined): BillingContactRef {
  const inPath = PATH_CONTACT.exec(path)?.[1];
  if (inPath !== undefined) return isId(inPath) ? { contactId: inPath } : null;
  if (method !== 'POST') return null;
  const command = DOCUMENT_COMMAND.exec(path);
  if (command) return isId(command[2]!) ? { document: command[1] as 'invoices' | 'quotes', id: command[2]! } : null;
  if (!BODY_CONTACT_PATHS.has(path) || !body?.length) return null;
  try {
    const contactId = (JSON.parse(body.toString('utf8')) as { contactId?: unknown } | null)?.contactId;
    return typeof contactId === 'string' && isId(contactId) ? { contactId } : null;
  } catch {
    return null; // malformed JSON: billing answers 400
  }
}

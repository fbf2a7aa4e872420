import { ServiceName } from '../internal/service-calls';

// First match wins; paths are the public ones, forwarded unchanged.
const ROUTES: Array<[RegExp, ServiceName]> = [
  [/^\/v1\/contacts\/[^/]+\/(summary|statement(\.pdf)?)$/, 'reporting'],
  [/^\/v1\/contacts\/[^/]+\/(rates|credits)(\/.*)?$/, 'billing'],
  [/^\/v1\/contacts(\/.*)?$/, 'contacts'],
  [/^\/v1\/(items|invoices|payments|receipts|quotes)(\/.*)?$/, 'billing'],
  [/^\/v1\/tenant\/taxes(\/.*)?$/, 'billing'],
  [/^\/v1\/reports(\/.*)?$/, 'reporting'],
];

/** Which service answers a public path, or null when none does (404). */
export function serviceFor(path: string): ServiceName | null {
  return ROUTES.find(([re]) => re.test(path))?.[1] ?? null;
}

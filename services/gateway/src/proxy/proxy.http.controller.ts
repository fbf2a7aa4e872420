import { All, Controller, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppError, allowedMethods, TenantContext } from '@carnet/http';
import { Authenticator } from '../auth/authenticator';
import { ServiceCalls } from '../internal/service-calls';
import { BillingContactRef, billingContactOf } from './billing-contact';
import { serviceFor } from './service-routes';

interface ProxyRequest {
  method: string;
  originalUrl: string;
  path: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

interface ProxyResponse {
  status(code: number): ProxyResponse;
  setHeader(name: string, value: string): void;
  send(body: Buffer): void;
}

interface ContactAnswer {
  id: string;
  version: number;
  status: 'active' | 'archived';
  billing: { currency: string; paymentTermsDays: number };
}

const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'if-match', 'idempotency-key', 'prefer'];
// retry-after: a service's 503 (its database not answering) says when to try again.
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'etag', 'location', 'allow', 'retry-after'];

/** Authenticates, signs the tenant context and forwards every other /v1 call to its service. */
@Controller()
export class ProxyHttpController {
  constructor(
    private readonly auth: Authenticator,
    private readonly calls: ServiceCalls,
    private readonly adapter: HttpAdapterHost,
  ) {}

  @All('v1/*path')
  async forward(@Req() req: ProxyRequest, @Res() res: ProxyResponse): Promise<void> {
    const service = serviceFor(req.path);
    if (!service) throw this.noRoute(req);
    const hasBody = !['GET', 'HEAD'].includes(req.method) && Buffer.isBuffer(req.body) && req.body.length > 0;
    const body = hasBody ? (req.body as Buffer) : undefined;
    const { context: caller } = await this.auth.authenticate(req.headers);
    const context = service === 'billing' ? await this.withContact(caller, billingContactOf(req.method, req.path, body)) : caller;
    const headers: Record<string, string> = {};
    for (const h of FORWARDED_REQUEST_HEADERS) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const upstream = await this.calls.fetch(service, req.originalUrl, context, { method: req.method, headers, body });
    res.status(upstream.status);
    for (const h of FORWARDED_RESPONSE_HEADERS) {
      const v = upstream.header(h);
      if (v) res.setHeader(h, v);
    }
    res.setHeader('x-correlation-id', context.correlationId);
    res.send(await upstream.bytes());
  }

  // Billing's copy of contacts follows contacts.events and may lag a change just made (an archive, a
  // new currency): the contact as the contacts service has it now goes along, signed with the context.
  // An unknown contact is a 404 here; when a service does not answer, billing decides on its own copy.
  private async withContact(context: TenantContext, ref: BillingContactRef): Promise<TenantContext> {
    if (!ref) return context;
    // An unknown document: billing itself answers the 404.
    const document = 'contactId' in ref ? null : await this.calls.findJson<{ contactId: string }>('billing', `/v1/${ref.document}/${ref.id}`, context);
    const contactId = 'contactId' in ref ? ref.contactId : typeof document === 'object' ? document?.contactId : undefined;
    if (!contactId) return context;
    const c = await this.calls.findJson<ContactAnswer>('contacts', `/v1/contacts/${contactId}`, context);
    if (c === 'not-found') throw AppError.notFound('contact');
    if (!c) return context;
    return { ...context, contact: { id: c.id, version: c.version, status: c.status, currency: c.billing.currency, paymentTermsDays: c.billing.paymentTermsDays } };
  }

  // This catch-all also receives the gateway's own paths (/v1/tenant…) with a method they lack: 405.
  private noRoute(req: ProxyRequest): AppError {
    const allowed = allowedMethods(this.adapter.httpAdapter.getInstance(), req.path);
    if (!allowed.length) return new AppError(404, 'NOT_FOUND', `No route ${req.method} ${req.path}`);
    return new AppError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported on ${req.path}; use ${allowed.join(', ')}`, [], { allow: allowed.join(', ') });
  }
}

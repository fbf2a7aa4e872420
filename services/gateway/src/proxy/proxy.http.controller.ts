import { All, Controller, Req, Res } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppError, allowedMethods } from '@carnet/http';
import { Authenticator } from '../auth/authenticator';
import { ServiceCalls } from '../internal/service-calls';
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

const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'accept-language', 'if-match', 'idempotency-key', 'prefer'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'etag', 'location', 'allow'];

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
    const { context } = await this.auth.authenticate(req.headers);
    const headers: Record<string, string> = {};
    for (const h of FORWARDED_REQUEST_HEADERS) {
      const v = req.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const hasBody = !['GET', 'HEAD'].includes(req.method) && Buffer.isBuffer(req.body) && req.body.length > 0;
    const upstream = await this.calls.fetch(service, req.originalUrl, context, { method: req.method, headers, body: hasBody ? (req.body as Buffer) : undefined });
    res.status(upstream.status);
    for (const h of FORWARDED_RESPONSE_HEADERS) {
      const v = upstream.headers.get(h);
      if (v) res.setHeader(h, v);
    }
    res.setHeader('x-correlation-id', context.correlationId);
    res.send(Buffer.from(await upstream.arrayBuffer()));
  }

  // This catch-all also receives the gateway's own paths (/v1/tenant…) with a method they lack: 405.
  private noRoute(req: ProxyRequest): AppError {
    const allowed = allowedMethods(this.adapter.httpAdapter.getInstance(), req.path);
    if (!allowed.length) return new AppError(404, 'NOT_FOUND', `No route ${req.method} ${req.path}`);
    return new AppError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported on ${req.path}; use ${allowed.join(', ')}`, [], { allow: allowed.join(', ') });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { request } from 'undici';
import { AppError, FieldError, signTenantContext, TenantContext } from '@carnet/http';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

export type ServiceName = 'contacts' | 'billing' | 'reporting';

export interface ServiceCallInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

/** A service's answer: status, headers, and the body read once. */
export interface ServiceAnswer {
  status: number;
  ok: boolean;
  header(name: string): string | undefined;
  json(): Promise<unknown>;
  bytes(): Promise<Buffer>;
}

const TIMEOUT_MS = 120_000;

/**
 * Calls from the gateway to a service, signed with the caller's tenant context. They go through
 * undici's `request` (kept-alive connections, no WHATWG streams): every public call makes one or
 * more of these, and the global fetch cost about three times as much CPU per call.
 */
@Injectable()
export class ServiceCalls {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  /** The service's raw answer, whatever its status; 503 when the service does not answer. */
  async fetch(service: ServiceName, pathAndQuery: string, context: TenantContext, init: ServiceCallInit = {}): Promise<ServiceAnswer> {
    const headers = {
      ...init.headers,
      ...signTenantContext(context, this.config.internalSecret),
      'x-correlation-id': context.correlationId,
    };
    const url = new URL(pathAndQuery, this.baseUrl(service));
    // URL parsing resolves dot segments ("/v1/reports/../../metrics", "%2e%2e", backslashes): such a
    // path would reach another route of the service than the public one it names, so none is sent.
    if (url.pathname !== pathAndQuery.split('?')[0]) throw new AppError(404, 'NOT_FOUND', 'No such path: dot segments and backslashes are not allowed');
    const unavailable = () => AppError.unavailable(`The ${service} service is not answering; try again shortly`);
    try {
      const res = await request(url, {
        method: (init.method ?? 'GET') as 'GET', headers, body: init.body, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS,
      });
      // Read at once, so the connection is free again whether or not the caller wants the body.
      const bytes = res.body.arrayBuffer().then((b) => Buffer.from(b), () => { throw unavailable(); });
      bytes.catch(() => undefined);
      return {
        status: res.statusCode,
        ok: res.statusCode >= 200 && res.statusCode < 300,
        header: (name) => {
          const v = res.headers[name.toLowerCase()];
          return Array.isArray(v) ? v.join(', ') : v;
        },
        bytes: () => bytes,
        json: async () => JSON.parse((await bytes).toString('utf8')) as unknown,
      };
    } catch {
      throw unavailable();
    }
  }

  /** A GET answered with JSON; a service's problem (404, 422…) is raised as the same AppError. */
  async getJson<T>(service: ServiceName, pathAndQuery: string, context: TenantContext): Promise<T> {
    const res = await this.fetch(service, pathAndQuery, context, { headers: { accept: 'application/json' } });
    if (res.ok) return (await res.json()) as T;
    throw await problemOf(res, service);
  }

  /** A GET answered with JSON, or 'not-found' (404), or null when the service failed or does not answer. */
  async findJson<T>(service: ServiceName, pathAndQuery: string, context: TenantContext): Promise<T | 'not-found' | null> {
    try {
      const res = await this.fetch(service, pathAndQuery, context, { headers: { accept: 'application/json' } });
      if (res.status === 404) return 'not-found';
      return res.ok ? ((await res.json()) as T) : null;
    } catch {
      return null;
    }
  }

  private baseUrl(service: ServiceName): string {
    return { contacts: this.config.contactsUrl, billing: this.config.billingUrl, reporting: this.config.reportingUrl }[service];
  }
}

async function problemOf(res: ServiceAnswer, service: ServiceName): Promise<AppError> {
  const body = (await res.json().catch(() => null)) as { code?: string; detail?: string; errors?: FieldError[] } | null;
  if (res.status >= 500) return AppError.unavailable(`The ${service} service could not answer; try again shortly`);
  return new AppError(res.status, body?.code ?? 'UPSTREAM_ERROR', body?.detail ?? `The ${service} service answered ${res.status}`, body?.errors ?? []);
}

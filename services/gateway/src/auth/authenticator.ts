import { Injectable } from '@nestjs/common';
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { AppError, TenantContext } from '@carnet/http';
import { ApiKeyRepository } from '../tenant/api-key.repository';
import { TenantService, TenantView } from '../tenant/tenant.service';

type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers, name: string) => { const v = h[name]; return Array.isArray(v) ? v[0] : v; };

/** What services are told of a tenant and its caller, in the signed internal header. */
export function tenantContextOf(tenant: TenantView, actor: string, correlationId: string): TenantContext {
  return {
    tenantId: tenant.id, homeCurrency: tenant.homeCurrency, timezone: tenant.timezone,
    fiscalYearStart: tenant.fiscalYearStart, defaultLanguage: tenant.defaultLanguage, actor, correlationId,
  };
}

/** Bearer API key → tenant, for every public route but tenant creation and the portal. */
@Injectable()
export class Authenticator {
  constructor(private readonly keys: ApiKeyRepository, private readonly tenants: TenantService) {}

  async authenticate(headers: Headers): Promise<{ tenant: TenantView; context: TenantContext }> {
    const auth = header(headers, 'authorization');
    const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
    if (!m) throw new AppError(401, 'UNAUTHENTICATED', 'Send your API key as "Authorization: Bearer <apiKey>"');
    const key = await this.keys.resolve(m[1]!);
    if (!key) throw new AppError(401, 'UNAUTHENTICATED', 'The API key is unknown or revoked');
    const tenant = await this.tenants.get(key.tenantId);
    const correlationId = header(headers, 'x-correlation-id') ?? randomUUID();
    return { tenant, context: tenantContextOf(tenant, `api-key:${key.id}`, correlationId) };
  }

  /** Compares hashes so the comparison takes the same time whatever the guess. */
  static adminTokenMatches(given: string | undefined, expected: string): boolean {
    if (!given) return false;
    const a = createHash('sha256').update(given).digest();
    const b = createHash('sha256').update(expected).digest();
    return timingSafeEqual(a, b);
  }
}

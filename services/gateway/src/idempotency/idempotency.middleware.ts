import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from '@carnet/http';
import { Authenticator } from '../auth/authenticator';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { ApiKeyRepository } from '../tenant/api-key.repository';
import { isFinalStatus, isValidIdempotencyKey, StoredResponse, withoutSecrets } from './idempotency.decide';
import { IdempotencyRepository } from './idempotency.repository';

type Body = string | Buffer | undefined;

interface IdempotentRequest {
  method: string;
  originalUrl: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

interface IdempotentResponse {
  statusCode: number;
  status(code: number): IdempotentResponse;
  setHeader(name: string, value: string): void;
  getHeader(name: string): number | string | string[] | undefined;
  send(body?: unknown): IdempotentResponse;
}

// What a replay gives back besides the body: enough to be the same response to a client.
const REPLAYED_HEADERS = ['content-type', 'content-disposition', 'location', 'etag'];
const header = (h: IdempotentRequest['headers'], name: string) => { const v = h[name]; return Array.isArray(v) ? v[0] : v; };

/**
 * Idempotency-Key on every POST of the public API, whichever service answers it: the first
 * response is stored (per tenant, 24 h) and replayed to a repeat; the same key with another
 * request is 422; a repeat while the first is still running is 409.
 */
@Injectable()
export class IdempotencyMiddleware implements NestMiddleware<IdempotentRequest, IdempotentResponse> {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly keys: ApiKeyRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async use(req: IdempotentRequest, res: IdempotentResponse, next: (error?: unknown) => void): Promise<void> {
    const key = header(req.headers, 'idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!isValidIdempotencyKey(key)) {
      throw AppError.invalid([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 visible ASCII characters, such as a UUID' }]);
    }
    const scope = await this.scopeOf(req);
    // Unauthenticated: the route itself answers 401, and nothing is remembered.
    if (!scope) return next();

    const claim = await this.records.claim(scope, key, fingerprint(req));
    switch (claim.kind) {
      case 'replay':
        return replay(res, claim.response);
      case 'in-flight':
        throw new AppError(409, 'IDEMPOTENCY_IN_FLIGHT', 'A request with this Idempotency-Key is still being processed; retry once it has finished');
      case 'mismatch':
        throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request', [
          { field: 'Idempotency-Key', message: 'already used within 24 h with another method, path or body; use a new key for a new request' },
        ]);
      case 'proceed':
        this.recordResponse(res, claim.id, claim.claimId);
        return next();
    }
  }

  private async scopeOf(req: IdempotentRequest): Promise<string | null> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header(req.headers, 'authorization') ?? '');
    if (bearer) return (await this.keys.resolve(bearer[1]!))?.tenantId ?? null;
    // originalUrl: inside a mounted middleware, req.path is relative to the mount point.
    if (req.originalUrl.split('?')[0] === '/v1/tenants' && Authenticator.adminTokenMatches(header(req.headers, 'x-admin-token'), this.config.adminToken)) return 'admin';
    return null;
  }

  // Every response of the gateway leaves through res.send (proxy, controllers and the problem filter):
  // the response is stored before it is sent, so a repeat arriving right after it finds it.
  private recordResponse(res: IdempotentResponse, id: string, claimId: string): void {
    const send = res.send.bind(res);
    let recorded = false;
    res.send = (body?: unknown) => {
      // Objects come back here as a JSON string through res.json.
      if (recorded || (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body))) return send(body);
      recorded = true;
      const status = res.statusCode;
      const stored = isFinalStatus(status)
        ? this.records.complete(id, claimId, capture(res, status, body as Body))
        : this.records.release(id, claimId);
      // Storing failed: the response still goes out; the key stays claimed until its lease ends.
      void stored.catch(() => undefined).finally(() => send(body));
      return res;
    };
  }
}

function fingerprint(req: IdempotentRequest): string {
  const h = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${header(req.headers, 'content-type') ?? ''}\n`);
  if (Buffer.isBuffer(req.body)) h.update(req.body);
  return h.digest('hex');
}

function capture(res: IdempotentResponse, status: number, body: Body): StoredResponse {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const v = res.getHeader(name);
    if (v !== undefined) headers[name] = String(v);
  }
  // What express itself would set for a body sent without a type.
  headers['content-type'] ??= typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/octet-stream';
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return { status, headers, body: withoutSecrets(bytes, headers['content-type']).toString('base64') };
}

function replay(res: IdempotentResponse, r: StoredResponse): void {
  res.status(r.status);
  for (const [name, value] of Object.entries(r.headers)) res.setHeader(name, value);
  res.setHeader('idempotent-replayed', 'true');
  res.send(Buffer.from(r.body, 'base64'));
}

import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ipKeyGenerator, rateLimit, RateLimitRequestHandler } from 'express-rate-limit';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

interface LimitedRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  path: string;
  rateLimit?: { limit: number; resetTime?: Date };
}

interface LimitedResponse {
  status(code: number): LimitedResponse;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

const WINDOW_MS = 60_000;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Requests per minute for each API key (each portal link, each address without a key): a client
 * past the limit gets 429 problem+json with Retry-After, before anything is read or remembered, so
 * a retry with the same Idempotency-Key after the wait runs normally. CARNET_RATE_LIMIT_PER_MINUTE=0
 * turns it off. Counted in this gateway's memory: with several gateways, each counts its own.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware<LimitedRequest, LimitedResponse> {
  private readonly limiter: RateLimitRequestHandler | null;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const limit = config.rateLimitPerMinute;
    this.limiter = limit === 0 ? null : rateLimit({
      windowMs: WINDOW_MS,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) => callerKey(req as unknown as LimitedRequest),
      handler: (req, res) => tooMany(req as unknown as LimitedRequest, res as unknown as LimitedResponse, limit),
    });
  }

  use(req: LimitedRequest, res: LimitedResponse, next: (error?: unknown) => void): void {
    if (!this.limiter) return next();
    void this.limiter(req as never, res as never, next);
  }
}

// Keys and tokens are counted by their hash: the counter never holds a secret.
function callerKey(req: LimitedRequest): string {
  const bearer = /^Bearer\s+(\S+)/i.exec(one(req.headers.authorization) ?? '')?.[1];
  const portal = /^\/portal\/([^/]+)/.exec(req.path)?.[1];
  const secret = bearer ?? portal;
  if (secret) return `key:${createHash('sha256').update(secret).digest('base64url')}`;
  // IPv6 addresses are counted by their /56 network, as one client holds many of them.
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

function tooMany(req: LimitedRequest, res: LimitedResponse, limit: number): void {
  const retryAfter = Math.max(1, Math.ceil(((req.rateLimit?.resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
  res.status(429);
  res.setHeader('retry-after', String(retryAfter));
  res.setHeader('content-type', 'application/problem+json; charset=utf-8');
  res.send(JSON.stringify({
    type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'RATE_LIMITED',
    detail: `More than ${limit} requests in a minute with this key; retry in ${retryAfter} s`,
  }));
}

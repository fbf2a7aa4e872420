import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { HttpAdapterHost } from '@nestjs/core';
import type { TenantContext } from '@carnet/http';
import type { Authenticator } from '../auth/authenticator';
import type { ServiceCalls } from '../internal/service-calls';
import { ProxyHttpController } from './proxy.http.controller';

const context: TenantContext = {
  tenantId: 't-1', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '01-01',
  defaultLanguage: 'fr', actor: 'key-1', correlationId: 'corr-1',
};

// A service answering as contacts does while its database is down.
function controllerAnswering(status: number, headers: Record<string, string>, body: string) {
  const auth = { authenticate: async () => ({ context }) } as unknown as Authenticator;
  const calls = {
    fetch: async () => ({ status, header: (h: string) => headers[h], bytes: async () => Buffer.from(body) }),
  } as unknown as ServiceCalls;
  return new ProxyHttpController(auth, calls, {} as HttpAdapterHost);
}

function recordingResponse() {
  const sent = { status: 0, headers: {} as Record<string, string>, body: '' };
  const res = {
    status(code: number) { sent.status = code; return res; },
    setHeader(name: string, value: string) { sent.headers[name] = value; },
    send(body: Buffer) { sent.body = body.toString(); },
  };
  return { res, sent };
}

describe('ProxyHttpController', () => {
  it("passes on a service's 503 with its Retry-After and problem body", async () => {
    const problem = JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'SERVICE_UNAVAILABLE' });
    const controller = controllerAnswering(503, { 'content-type': 'application/problem+json', 'retry-after': '5' }, problem);
    const { res, sent } = recordingResponse();
    const req = { method: 'POST', originalUrl: '/v1/contacts/c-1/notes', path: '/v1/contacts/c-1/notes', body: Buffer.from('{"body":"x"}'), headers: {} };
    await controller.forward(req, res);
    assert.deepEqual(sent, {
      status: 503,
      headers: { 'content-type': 'application/problem+json', 'retry-after': '5', 'x-correlation-id': 'corr-1' },
      body: problem,
    });
  });

  it('passes on no header the service did not send', async () => {
    const controller = controllerAnswering(200, { 'content-type': 'application/json', 'x-internal': 'secret' }, '{}');
    const { res, sent } = recordingResponse();
    await controller.forward({ method: 'GET', originalUrl: '/v1/contacts', path: '/v1/contacts', body: undefined, headers: {} }, res);
    assert.deepEqual(sent.headers, { 'content-type': 'application/json', 'x-correlation-id': 'corr-1' });
  });
});

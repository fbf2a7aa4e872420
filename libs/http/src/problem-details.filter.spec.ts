import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ArgumentsHost, BadRequestException, MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import { AppError } from './app-error';
import { ProblemDetailsFilter, RouteKnowledge } from './problem-details.filter';

interface Sent {
  status: number;
  headers: Record<string, string>;
  body: { status: number; code: string; detail: string; errors?: unknown[] };
}

function answer(filter: ProblemDetailsFilter, exception: unknown, method = 'GET', path = '/v1/contacts/abc'): Sent {
  const sent: Sent = { status: 0, headers: {}, body: { status: 0, code: '', detail: '' } };
  const res = {
    status(code: number) { sent.status = code; return res; },
    setHeader(name: string, value: string) { sent.headers[name] = value; },
    send(body: string) { sent.body = JSON.parse(body) as Sent['body']; },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ method, path }), getResponse: () => res }) } as unknown as ArgumentsHost;
  filter.catch(exception, host);
  return sent;
}

const routes: RouteKnowledge = {
  allowedMethods: (path) => (/^\/v1\/contacts\/[^/]+$/.test(path) ? ['GET', 'PATCH'] : /^\/v1\/invoices\/[^/]+$/.test(path) ? ['GET', 'PATCH', 'DELETE'] : []),
  refusals: [{ method: 'DELETE', path: /^\/v1\/contacts\/[^/]+$/, message: 'Contacts are archived, never deleted' }],
};
const filter = new ProblemDetailsFilter(() => undefined, [], routes);
const routeMiss = (method: string, path: string) => new NotFoundException(`Cannot ${method} ${path}`);

describe('problem+json filter', () => {
  it('answers a known path with an unsupported method 405 and the methods it does support', () => {
    const put = answer(filter, routeMiss('PUT', '/v1/contacts/abc'), 'PUT');
    assert.equal(put.status, 405);
    assert.equal(put.headers.allow, 'GET, PATCH');
    assert.equal(put.body.code, 'METHOD_NOT_ALLOWED');
    assert.match(put.headers['content-type']!, /application\/problem\+json/);
  });

  it('gives the reason of a method refused on purpose', () => {
    const del = answer(filter, routeMiss('DELETE', '/v1/contacts/abc'), 'DELETE');
    assert.equal(del.status, 405);
    assert.equal(del.headers.allow, 'GET, PATCH');
    assert.equal(del.body.detail, 'Contacts are archived, never deleted');
  });

  it('keeps 404 for an unknown path, and for a handler that answered 404 itself', () => {
    assert.equal(answer(filter, routeMiss('GET', '/v1/nowhere'), 'GET', '/v1/nowhere').status, 404);
    const own = answer(filter, new NotFoundException('contact not found'), 'GET');
    assert.equal(own.status, 404, 'GET is supported there: the 404 is about the contact');
    assert.equal(own.headers.allow, undefined);
  });

  it('adds Allow to a 405 a handler throws, leaving out the refused method', () => {
    const r = answer(filter, new MethodNotAllowedException('no'), 'DELETE', '/v1/invoices/abc');
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, 'GET, PATCH');
  });

  it('maps body-parser errors, bare or wrapped by the Express adapter', () => {
    const parse = Object.assign(new SyntaxError('Unexpected end of JSON input'), { type: 'entity.parse.failed', status: 400 });
    assert.equal(answer(filter, parse).body.code, 'MALFORMED_JSON');
    assert.equal(answer(filter, new BadRequestException(parse.message, { cause: parse })).body.code, 'MALFORMED_JSON');
  });

  it('sends the headers an AppError carries', () => {
    const r = answer(filter, new AppError(405, 'METHOD_NOT_ALLOWED', 'no', [], { allow: 'POST' }), 'GET');
    assert.equal(r.headers.allow, 'POST');
  });

  it('answers 503 with Retry-After, and no error id, when the database cannot be reached', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:27017'), { name: 'MongoServerSelectionError' });
    const r = answer(filter, down, 'POST', '/v1/contacts');
    assert.deepEqual([r.status, r.body.status, r.body.code, r.headers['retry-after']], [503, 503, 'SERVICE_UNAVAILABLE', '5']);
    assert.equal(answer(filter, new Error('something else')).status, 500);
  });
});

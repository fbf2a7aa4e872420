import { strict as assert } from 'node:assert';
import { METHODS } from 'node:http';
import { describe, it } from 'node:test';
import { allowedMethods } from './allowed-methods';

// The shape of an Express 5 router stack: route layers match a path, middleware layers have no route.
const layer = (path: string, pattern: RegExp, ...methods: string[]) => ({
  route: { path, methods: Object.fromEntries(methods.map((m) => [m, true])) },
  match: (p: string) => pattern.test(p),
});
const app = {
  router: {
    stack: [
      { match: () => true },
      layer('/v1/contacts', /^\/v1\/contacts$/, 'get', 'post'),
      layer('/v1/contacts/:id', /^\/v1\/contacts\/[^/]+$/, 'get'),
      layer('/v1/contacts/:id', /^\/v1\/contacts\/[^/]+$/, 'patch'),
      layer('/v1/contacts/:id/archive', /^\/v1\/contacts\/[^/]+\/archive$/, 'post'),
      layer('/v1/*path', /^\/v1\/.*$/, 'post'),
      layer('/v1/contacts/:id{/:rest}', /^\/v1\/contacts\/[^/]+(\/.*)?$/, ...METHODS.map((m) => m.toLowerCase())),
    ],
  },
};

describe('methods a path accepts', () => {
  it('gathers every route matching the path, upper case, and ignores wildcards, every-method routes and middleware', () => {
    assert.deepEqual(allowedMethods(app, '/v1/contacts/abc'), ['GET', 'PATCH']);
    assert.deepEqual(allowedMethods(app, '/v1/contacts'), ['GET', 'POST']);
    assert.deepEqual(allowedMethods(app, '/v1/contacts/abc/archive'), ['POST']);
    assert.deepEqual(allowedMethods(app, '/v1/nothing'), [], 'only the wildcard POST (a middleware) matches');
    assert.deepEqual(allowedMethods({}, '/v1/contacts'), [], 'no router yet');
  });
});

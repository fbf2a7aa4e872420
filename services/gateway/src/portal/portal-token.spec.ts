import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signPortalToken, verifyPortalToken } from './portal-token';

const SECRET = 'a-portal-secret-of-the-gateway';
const grant = { tenantId: 't-1', contactId: 'c-1', expiresAt: Date.UTC(2027, 0, 31, 12, 0, 0) };

describe('portal token', () => {
  it('opens for its tenant and contact until it expires, to the second', () => {
    const token = signPortalToken(grant, SECRET);
    assert.deepEqual(verifyPortalToken(token, SECRET, grant.expiresAt - 1000), { ok: true, grant });
    assert.deepEqual(verifyPortalToken(token, SECRET, grant.expiresAt), { ok: false, reason: 'expired' });
  });

  it('is refused when any part was changed or signed with another secret', () => {
    const token = signPortalToken(grant, SECRET);
    const [payload, signature] = token.split('.');
    const widened = Buffer.from(JSON.stringify({ v: 1, t: 't-2', c: 'c-1', e: grant.expiresAt / 1000 })).toString('base64url');
    const invalid = { ok: false, reason: 'invalid' };
    assert.deepEqual(verifyPortalToken(`${widened}.${signature}`, SECRET, 0), invalid);
    const flipped = signature!.slice(0, 5) + (signature![5] === 'A' ? 'B' : 'A') + signature!.slice(6);
    assert.deepEqual(verifyPortalToken(`${payload}.${flipped}`, SECRET, 0), invalid);
    assert.deepEqual(verifyPortalToken(signPortalToken(grant, 'another-secret'), SECRET, 0), invalid);
    assert.deepEqual(verifyPortalToken(`${payload}`, SECRET, 0), invalid);
    assert.deepEqual(verifyPortalToken(`${token}.x`, SECRET, 0), invalid);
    assert.deepEqual(verifyPortalToken('', SECRET, 0), invalid);
  });

  it('cannot be replayed as another kind of signed value: the signature covers a portal prefix', () => {
    const token = signPortalToken(grant, SECRET);
    const [payload, signature] = token.split('.');
    assert.notEqual(signature, createHmac('sha256', SECRET).update(payload!).digest('base64url'));
  });
});

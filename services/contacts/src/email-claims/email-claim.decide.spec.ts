import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { decideHeldClaim, EmailClaim, emailClaimId } from './email-claim.decide';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const claim: EmailClaim = { _id: 't1|zoe@example.ca', tenantId: 't1', contactId: 'c1', claimedAt: T0 };

describe('email claims of imports', () => {
  it('keys a claim by tenant and email in lower case', () => {
    assert.equal(emailClaimId('t1', 'Zoe@Example.CA'), 't1|zoe@example.ca');
  });

  it('is a duplicate while the claiming contact has the email, whatever its case, however old the claim', () => {
    assert.equal(decideHeldClaim(claim, { email: 'ZOE@example.ca' }, 'zoe@EXAMPLE.ca', at(1000)), 'duplicate');
    assert.equal(decideHeldClaim(claim, { email: 'zoe@example.ca' }, 'zoe@example.ca', at(365 * 24 * 3600_000)), 'duplicate');
  });

  it('is a duplicate while the claiming import is still creating its contact (within 5 minutes)', () => {
    // 4 min 59.999 s after the claim: 299,999 ms < 300,000 ms
    assert.equal(decideHeldClaim(claim, null, 'zoe@example.ca', at(299_999)), 'duplicate');
  });

  it('takes over a claim whose contact was never created, once the lease is over', () => {
    // exactly 5 min = 300,000 ms: the lease is over
    assert.equal(decideHeldClaim(claim, null, 'zoe@example.ca', at(300_000)), 'take-over');
  });

  it('takes over a claim whose contact changed or cleared its email since', () => {
    assert.equal(decideHeldClaim(claim, { email: 'zoe@new.example' }, 'zoe@example.ca', at(1000)), 'take-over');
    assert.equal(decideHeldClaim(claim, { email: null }, 'zoe@example.ca', at(1000)), 'take-over');
  });
});

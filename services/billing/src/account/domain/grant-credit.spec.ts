import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { granted } from './billing.fixtures';
import { given } from './client-account.test-kit';
import { grantCredit } from './grant-credit.decide';

describe('grantCredit', () => {
  it('grants a positive credit and adds it to the credit available', () => {
    const state = given(granted('C1', 3000, '2027-01-10T00:00:00.000Z'))
      .when((s) => grantCredit(s, { creditId: 'C2', currency: 'CAD', amount: 1250, reason: 'Goodwill', grantedAt: '2027-02-01T09:00:00-05:00' }))
      .then([{ type: 'CreditGranted', data: { creditId: 'C2', currency: 'CAD', amount: 1250, reason: 'Goodwill', grantedAt: '2027-02-01T14:00:00.000Z' } }]);
    // 30.00 + 12.50 = 42.50
    assert.equal(state.creditAvailable, 4250);
  });

  it('refuses zero, and an id already used', () => {
    given()
      .when((s) => grantCredit(s, { creditId: 'C1', currency: 'CAD', amount: 0, reason: null, grantedAt: '2027-02-01T00:00:00Z' }))
      .thenThrows('INVALID_AMOUNT', 'amount');
    given(granted('C1', 3000, '2027-01-10T00:00:00.000Z'))
      .when((s) => grantCredit(s, { creditId: 'C1', currency: 'CAD', amount: 100, reason: null, grantedAt: '2027-02-01T00:00:00Z' }))
      .thenThrows('CREDIT_ALREADY_GRANTED');
  });
});

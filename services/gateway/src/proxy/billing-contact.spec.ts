import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { billingContactOf } from './billing-contact';

const ID = '5f0c7a8e-1d2b-4c3d-9e4f-a1b2c3d4e5f6';
const DOC = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('billingContactOf', () => {
  it('reads the contact of a rates or credits path, for any method', () => {
    assert.deepEqual(billingContactOf('GET', `/v1/contacts/${ID}/credits`, undefined), { contactId: ID });
    assert.deepEqual(billingContactOf('PUT', `/v1/contacts/${ID}/rates/${DOC}`, json({ unitPrice: '1' })), { contactId: ID });
    assert.equal(billingContactOf('GET', '/v1/contacts/not-an-id/rates', undefined), null);
  });

  it('reads contactId from the body of a new invoice, quote or payment', () => {
    assert.deepEqual(billingContactOf('POST', '/v1/invoices', json({ contactId: ID, lines: [] })), { contactId: ID });
    assert.deepEqual(billingContactOf('POST', '/v1/quotes', json({ contactId: ID })), { contactId: ID });
    assert.deepEqual(billingContactOf('POST', '/v1/payments', json({ contactId: ID })), { contactId: ID });
  });

  it('leads to the contact through the document of a send or a conversion', () => {
    assert.deepEqual(billingContactOf('POST', `/v1/invoices/${DOC}/send`, json({})), { document: 'invoices', id: DOC });
    assert.deepEqual(billingContactOf('POST', `/v1/quotes/${DOC}/send`, undefined), { document: 'quotes', id: DOC });
    assert.deepEqual(billingContactOf('POST', `/v1/quotes/${DOC}/convert`, undefined), { document: 'quotes', id: DOC });
    assert.equal(billingContactOf('POST', '/v1/quotes/nope/convert', undefined), null);
  });

  it('names no contact for other calls or bodies it cannot read', () => {
    assert.equal(billingContactOf('GET', '/v1/invoices', undefined), null);
    assert.equal(billingContactOf('GET', `/v1/invoices/${DOC}`, undefined), null);
    assert.equal(billingContactOf('POST', `/v1/invoices/${DOC}/payments`, json({ contactId: ID })), null);
    assert.equal(billingContactOf('POST', '/v1/invoices', Buffer.from('{"contactId":')), null);
    assert.equal(billingContactOf('POST', '/v1/invoices', json({ contactId: 42 })), null);
    assert.equal(billingContactOf('POST', '/v1/invoices', json(null)), null);
    assert.equal(billingContactOf('POST', '/v1/invoices', json({ contactId: 'x' })), null);
  });
});

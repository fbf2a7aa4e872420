import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { serviceFor } from './service-routes';

describe('gateway routing', () => {
  it('sends each public path to the service that owns it', () => {
    assert.equal(serviceFor('/v1/contacts'), 'contacts');
    assert.equal(serviceFor('/v1/contacts/import'), 'contacts');
    assert.equal(serviceFor('/v1/contacts/abc/archive'), 'contacts');
    assert.equal(serviceFor('/v1/contacts/abc/summary'), 'reporting');
    assert.equal(serviceFor('/v1/contacts/abc/statement'), 'reporting');
    assert.equal(serviceFor('/v1/contacts/abc/credits'), 'billing');
    assert.equal(serviceFor('/v1/contacts/abc/rates/item1'), 'billing');
    assert.equal(serviceFor('/v1/invoices/abc/send'), 'billing');
    assert.equal(serviceFor('/v1/tenant/taxes'), 'billing');
    assert.equal(serviceFor('/v1/reports/active-clients'), 'reporting');
    assert.equal(serviceFor('/v1/unknown'), null);
    assert.equal(serviceFor('/v1/contactsx'), null);
  });
});

// The tenant field rules, checked through readJson as the gateway's own routes run them.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AppError } from '@carnet/http';
import { readJson } from '../../json-body';
import { CreateTenantDto } from './create-tenant.dto';
import { UpdateTenantDto } from './update-tenant.dto';

const json = (body: unknown) => ({ body: Buffer.from(JSON.stringify(body)), headers: { 'content-type': 'application/json' } });
const TENANT = { name: 'Atelier Zoé', homeCurrency: 'CAD', timezone: 'America/Toronto', fiscalYearStart: '04-01', defaultLanguage: 'fr' };

async function refusedFields<T extends object>(type: new () => T, body: unknown): Promise<string[]> {
  try {
    await readJson(json(body), type);
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    assert.equal(e.status, 422, e.message);
    return [...new Set(e.errors.map((x) => x.field))].sort();
  }
  return [];
}

describe('tenant field rules', () => {
  it('a PATCH may leave any setting out but never set it to null', async () => {
    assert.deepEqual(await refusedFields(UpdateTenantDto, {}), []);
    assert.deepEqual(await refusedFields(UpdateTenantDto, { timezone: 'America/Vancouver' }), []);
    for (const field of Object.keys(TENANT)) {
      assert.deepEqual(await refusedFields(UpdateTenantDto, { [field]: null }), [field], `${field}: null`);
    }
    assert.deepEqual(await refusedFields(UpdateTenantDto, { name: null, homeCurrency: null, timezone: null, fiscalYearStart: null, defaultLanguage: null }),
      ['defaultLanguage', 'fiscalYearStart', 'homeCurrency', 'name', 'timezone']);
  });

  it('a tenant name has a visible character and no control character', async () => {
    assert.deepEqual(await refusedFields(CreateTenantDto, TENANT), []);
    for (const name of ['\u200B', '\u200B\u200D', '\u0000', 'Atelier\u0007Zoé', '\uD800', '\u3164']) {
      assert.deepEqual(await refusedFields(CreateTenantDto, { ...TENANT, name }), ['name'], JSON.stringify(name));
      assert.deepEqual(await refusedFields(UpdateTenantDto, { name }), ['name'], JSON.stringify(name));
    }
  });

  it('keeps a time zone in its canonical spelling, and refuses one that does not exist', async () => {
    assert.equal((await readJson(json({ ...TENANT, timezone: 'america/toronto' }), CreateTenantDto)).timezone, 'America/Toronto');
    assert.equal((await readJson(json({ timezone: 'EUROPE/paris' }), UpdateTenantDto)).timezone, 'Europe/Paris');
    assert.deepEqual(await refusedFields(CreateTenantDto, { ...TENANT, timezone: 'Mars/Base' }), ['timezone']);
    assert.deepEqual(await refusedFields(UpdateTenantDto, { timezone: 'toronto' }), ['timezone']);
  });
});

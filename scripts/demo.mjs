#!/usr/bin/env node
// `npm run demo`, against a running `npm start`: imports the real client exports in
// ../shared/data/imports through the public API, invoices, takes payments, grants and applies a
// credit, then prints a statement, a summary and the active-client count.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { repoRoot } from './workspace.mjs';

// The gateway of the running `npm start` (it writes its address in .carnet/running.json), whatever PORT it took.
const runningFile = join(repoRoot, '.carnet', 'running.json');
const running = existsSync(runningFile) ? JSON.parse(readFileSync(runningFile, 'utf8')) : null;
const BASE = process.env.GATEWAY_URL ?? running?.gateway ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const demoFile = join(repoRoot, '.carnet', 'demo-tenant.json');
const apiKey = process.env.CARNET_API_KEY ?? (existsSync(demoFile) ? JSON.parse(readFileSync(demoFile, 'utf8')).apiKey : null);
if (!apiKey) {
  console.error('No demo API key: start the product first with `npm start` (or set CARNET_API_KEY).');
  process.exit(1);
}
const shared = process.env.CARNET_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
if (!existsSync(join(shared, 'data', 'imports'))) {
  console.error(`The demo imports the client exports in ${join(shared, 'data', 'imports')}, which is missing: put the shared/ folder beside the repository, or set CARNET_SHARED_DIR.`);
  process.exit(1);
}

async function call(method, path, body, headers = {}) {
  const h = { authorization: `Bearer ${apiKey}`, ...headers };
  let payload;
  if (Buffer.isBuffer(body)) payload = body;
  else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] = 'application/json'; }
  const res = await fetch(BASE + path, { method, headers: h, body: payload });
  const text = await res.text();
  let json; try { json = JSON.parse(text); } catch { json = text; }
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return json;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const step = (s) => console.log(`\n▸ ${s}`);

const lastCommandAt = {};
try {
  const tenant = await call('GET', '/v1/tenant');
  console.log(`Tenant "${tenant.name}" — ${tenant.homeCurrency}, ${tenant.timezone}, fiscal year starts ${tenant.fiscalYearStart}`);

  step('Taxes: GST 5 %, QST 9.975 %');
  await call('POST', '/v1/tenant/taxes', { code: 'GST', name: 'TPS/GST', rate: '5' });
  await call('POST', '/v1/tenant/taxes', { code: 'QST', name: 'TVQ/QST', rate: '9.975' });

  step(`Importing real client exports from ${join(shared, 'data', 'imports')}`);
  for (const file of ['freshbooks/freshbooks_clients.csv', 'zoho/zoho_contacts.csv', 'wave/wave_clients.csv', 'invoiceninja/clients.csv']) {
    const r = await call('POST', '/v1/contacts/import', readFileSync(join(shared, 'data', 'imports', file)), { 'content-type': 'text/csv' });
    console.log(`  ${file.padEnd(36)} created ${String(r.created).padStart(3)}, skipped ${r.skipped.length}, warnings ${r.warnings.length}, errors ${r.errors.length}`);
  }
  const contacts = (await call('GET', '/v1/contacts?sort=name&limit=500')).items;
  console.log(`  ${contacts.length} active contacts in the tenant`);
  const home = contacts.filter((c) => c.billing.currency === tenant.homeCurrency);
  const [alice, bob] = [home[0], home[1]];
  const foreign = contacts.find((c) => c.billing.currency === 'USD');

  step(`Invoice for ${alice.name}, sent at 23:30 on the last evening of a fiscal year (Toronto time)`);
  // The most recent last day of a fiscal year that is already past, in the tenant's time zone.
  const fyStartMonthDay = tenant.fiscalYearStart; // e.g. 04-01
  const today = DateTime.now().setZone(tenant.timezone);
  let fyEnd = DateTime.fromISO(`${today.year}-${fyStartMonthDay}`, { zone: tenant.timezone }).minus({ days: 1 });
  if (fyEnd >= today.startOf('day')) fyEnd = fyEnd.minus({ years: 1 });
  const lastDay = fyEnd.toISODate();
  const year = today.year;
  let inv = await call('POST', '/v1/invoices', {
    contactId: alice.id,
    lines: [
      { description: 'Design (hours)', quantity: '2.25', unitPrice: '85.00', taxCodes: ['GST', 'QST'] },
      { description: 'Hosting', quantity: 3, unitPrice: '33.33', taxCodes: ['GST', 'QST'] },
    ],
  });
  inv = await call('POST', `/v1/invoices/${inv.id}/send`, { sentAt: fyEnd.set({ hour: 23, minute: 30 }).toISO() });
  console.log(`  ${inv.number}: subtotal ${inv.subtotal}, ${inv.taxes.map((t) => `${t.code} ${t.amount}`).join(', ')}, total ${inv.total} ${inv.currency}, due ${inv.dueDate}`);

  step('A partial payment and a credit');
  const rec = await call('POST', `/v1/invoices/${inv.id}/payments`, { amount: '100.00', paidAt: new Date().toISOString(), method: 'cheque', reference: 'cheque 1042' });
  console.log(`  receipt ${rec.number}: ${rec.amount}`);
  const credit = await call('POST', `/v1/contacts/${alice.id}/credits`, { amount: '50.00', reason: 'Geste commercial' });
  lastCommandAt[alice.id] = new Date().toISOString();
  inv = await call('POST', `/v1/invoices/${inv.id}/apply-credit`, { amount: '30.00' });
  console.log(`  credit ${credit.amount} granted, 30.00 applied → ${inv.number} outstanding ${inv.outstanding} (${inv.status})`);

  step(`Invoices for ${bob.name}${foreign ? ` and ${foreign.name} (USD at 1.3655 CAD)` : ''}`);
  const b = await call('POST', '/v1/invoices', { contactId: bob.id, lines: [{ description: 'Consulting', quantity: 4, unitPrice: '120.00', taxCodes: ['GST'] }] });
  const bs = await call('POST', `/v1/invoices/${b.id}/send`, {});
  lastCommandAt[bob.id] = new Date().toISOString();
  await call('POST', '/v1/payments', { contactId: bob.id, amount: bs.total, paidAt: new Date().toISOString(), method: 'interac', allocations: [{ invoiceId: b.id, amount: bs.total }] });
  console.log(`  ${bs.number}: ${bs.total} ${bs.currency}, paid in full`);
  if (foreign) {
    const f = await call('POST', '/v1/invoices', { contactId: foreign.id, exchangeRate: '1.3655', lines: [{ description: 'Licence', quantity: 1, unitPrice: '500.00' }] });
    lastCommandAt[foreign.id] = new Date().toISOString();
    const fs = await call('POST', `/v1/invoices/${f.id}/send`, {});
    console.log(`  ${fs.number}: ${fs.total} ${fs.currency} (exchange rate ${fs.exchangeRate})`);
  }

  step('Waiting for reporting to catch up');
  // Reporting is eventually consistent: wait until every client touched above has caught up
  // with this run's last command on it (asOf = time of the last event applied).
  let summary;
  for (const c of [bob, foreign, alice].filter(Boolean)) {
    for (let i = 0; i < 50; i++) {
      summary = await call('GET', `/v1/contacts/${c.id}/summary`).catch(() => null);
      if (summary && summary.asOf && summary.asOf >= lastCommandAt[c.id]) break;
      await sleep(200);
    }
  }
  // Tenant-wide figures (sales totals behind salesShare, active clients) are written before the
  // tenant's asOf moves: once it has passed the start of the last command, they include it.
  const lastStartedAt = lastCommandAt[(foreign ?? bob).id];
  for (let i = 0; i < 50; i++) {
    const a = await call('GET', `/v1/reports/active-clients?fiscalYear=${year}`).catch(() => null);
    if (a?.asOf && a.asOf >= lastStartedAt) break;
    await sleep(200);
  }
  summary = await call('GET', `/v1/contacts/${alice.id}/summary`);
  console.log(`\nSummary of ${alice.name}:`);
  console.log(JSON.stringify(summary, null, 2));

  const from = `${year - 1}-${fyStartMonthDay}`;
  const to = DateTime.now().setZone(tenant.timezone).toISODate(); // today in the tenant's calendar
  const st = await call('GET', `/v1/contacts/${alice.id}/statement?from=${from}&to=${to}`);
  console.log(`\nStatement of ${alice.name}, ${from} → ${to} (${st.currency}):`);
  console.log(`  opening balance ${st.openingBalance}`);
  for (const l of st.lines) console.log(`  ${l.date}  ${l.type.padEnd(8)} ${String(l.reference ?? '').padEnd(18)} ${String(l.debit ?? '').padStart(10)} ${String(l.credit ?? '').padStart(10)} ${l.balance.padStart(10)}`);
  console.log(`  closing balance ${st.closingBalance}`);
  console.log(`  aging: ${Object.entries(st.aging).map(([k, v]) => `${k} ${v}`).join(', ')}`);

  const fy = Number(lastDay.slice(0, 4)) - (fyStartMonthDay === '01-01' ? 0 : 1);
  for (const y of [fy, fy + 1]) {
    const a = await call('GET', `/v1/reports/active-clients?fiscalYear=${y}`);
    console.log(`\nActive clients in fiscal year ${a.fiscalYear} (${a.from} → ${a.to}): ${a.count}`);
  }

  const link = await call('POST', `/v1/contacts/${alice.id}/portal-links`, { expiresInDays: 7 });
  console.log(`\nClient portal of ${alice.name} (read-only, until ${link.expiresAt}):\n  ${link.url}\n  ${link.url}/statement.pdf`);
} catch (e) {
  console.error(`\ndemo failed: ${e.message}`);
  process.exit(1);
}

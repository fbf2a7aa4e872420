// The client portal as one self-contained HTML page (inline style, no script), in the client's language.
import { localDate } from '@carnet/calendar';
import { AGING_BUCKET_ORDER, DocumentLanguage, formatAmount, formatDate } from '@carnet/i18n';
import { PORTAL_LABELS } from './portal.labels';
import { PortalView } from './portal-view';

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.15rem;margin:32px 0 8px}
section{background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:16px;margin-top:16px}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{padding:6px 8px;border-bottom:1px solid #e4e7eb;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.figures{display:flex;gap:24px;flex-wrap:wrap}.figures div{min-width:160px}.figures strong{display:block;font-size:1.4rem}
.muted{color:#616e7c;font-size:.85rem}form{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:12px}
`;

/** Text put into HTML: every character that could start markup or end an attribute is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderPortalPage(view: PortalView): string {
  const { language: lang } = view;
  const l = PORTAL_LABELS[lang];
  const e = escapeHtml;
  const money = (amount: string | null, currency: string) => (amount === null ? '' : `${e(formatAmount(amount, lang))}\u00a0${e(currency)}`);
  const day = (date: string | null) => (date === null ? '' : e(formatDate(date, lang)));
  const dayOf = (instant: string | null) => (instant === null ? '' : day(localDate(instant, view.timezone)));
  const status = (s: string) => e(l.statuses[s] ?? s);
  const table = (head: string[], numeric: boolean[], rows: string[][]) => rows.length === 0
    ? `<p>${e(l.none)}</p>`
    : `<table><thead><tr>${head.map((h, i) => `<th${numeric[i] ? ' class="n"' : ''}>${e(h)}</th>`).join('')}</tr></thead>`
      + `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const { statement: st, balance: b, period } = view;
  const periodQuery = `from=${encodeURIComponent(period.from)}&amp;to=${encodeURIComponent(period.to)}`;
  const words = l.statement;
  const sc = words.columns;

  const statementRows = [
    [day(period.from), '', e(words.openingBalance), '', '', money(st.openingBalance, st.currency)],
    ...st.lines.map((line) => [day(line.date), e(words.types[line.type]), e(line.reference ?? ''), money(line.debit, st.currency), money(line.credit, st.currency), money(line.balance, st.currency)]),
    ...(st.lines.length === 0 ? [['', '', e(words.noLines), '', '', '']] : []),
    [day(period.to), '', `<strong>${e(words.closingBalance)}</strong>`, '', '', `<strong>${money(st.closingBalance, st.currency)}</strong>`],
  ];
  const ic = l.invoiceColumns;
  const qc = l.quoteColumns;
  const rc = l.receiptColumns;

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${e(l.title(view.tenantName))}</title>
<style>${STYLE}</style>
</head>
<body><main>
<header><p class="muted">${e(view.tenantName)}</p><h1>${e(l.greeting(view.clientName))}</h1>${view.companyName ? `<p>${e(view.companyName)}</p>` : ''}</header>
<section aria-labelledby="balance"><h2 id="balance">${e(l.balance)}</h2>
<div class="figures">
<div>${e(l.balance)}<strong data-field="balance">${money(b.balance, b.currency)}</strong></div>
<div>${e(l.moneyOwed)}<strong data-field="moneyOwed">${money(b.moneyOwed, b.currency)}</strong></div>
<div>${e(l.creditAvailable)}<strong data-field="creditAvailable">${money(b.creditAvailable, b.currency)}</strong></div>
</div>
${view.otherBalances.map((o) => `<p data-currency="${e(o.currency)}">${e(l.alsoIn(o.currency))} — ${e(l.balance)} ${money(o.balance, o.currency)} · ${e(l.moneyOwed)} ${money(o.moneyOwed, o.currency)} · ${e(l.creditAvailable)} ${money(o.creditAvailable, o.currency)}</p>`).join('\n')}${b.asOf ? `<p class="muted">${e(l.asOf(formatDate(localDate(b.asOf, view.timezone), lang)))}</p>` : ''}</section>
<section aria-labelledby="statement"><h2 id="statement">${e(words.title)}</h2>
<form method="get" action="${e(view.pagePath)}"><span>${e(l.period)}</span>
<label>${e(l.from)} <input type="date" name="from" value="${e(period.from)}" required></label>
<label>${e(l.to)} <input type="date" name="to" value="${e(period.to)}" required></label>
<button type="submit">${e(l.show)}</button></form>
${table([sc.date, sc.type, sc.reference, sc.debit, sc.credit, sc.balance], [false, false, false, true, true, true], statementRows)}
<h2>${e(words.agingTitle)}</h2>
${table(AGING_BUCKET_ORDER.map((k) => words.aging[k]), AGING_BUCKET_ORDER.map(() => true), [AGING_BUCKET_ORDER.map((k) => money(st.aging[k], st.currency))])}
<p><a href="${e(view.pagePath)}/statement.pdf?${periodQuery}">${e(l.downloadPdf)}</a></p></section>
<section aria-labelledby="invoices"><h2 id="invoices">${e(l.invoices)}</h2>
${table([ic.number, ic.date, ic.dueDate, ic.total, ic.outstanding, ic.status], [false, false, false, true, true, false],
    view.invoices.map((i) => [e(i.number ?? ''), dayOf(i.sentAt), day(i.dueDate), money(i.total, i.currency), money(i.status === 'void' ? null : i.outstanding, i.currency), status(i.status)]))}
</section>
<section aria-labelledby="quotes"><h2 id="quotes">${e(l.quotes)}</h2>
${table([qc.number, qc.date, qc.validUntil, qc.total, qc.status], [false, false, false, true, false],
    view.quotes.map((q) => [e(q.number ?? ''), dayOf(q.sentAt), day(q.validUntil), money(q.total, q.currency), status(q.status)]))}
</section>
<section aria-labelledby="receipts"><h2 id="receipts">${e(l.receipts)}</h2>
${table([rc.number, rc.date, rc.amount, rc.method], [false, false, true, false],
    view.receipts.map((r) => [e(r.number), dayOf(r.paidAt), money(r.amount, r.currency), e(l.methods[r.method] ?? r.method)]))}
</section>
<p class="muted">${e(l.readOnly)}</p>
</main></body>
</html>
`;
}

/** A short page for a link that cannot open, in the language the browser asks for. */
export function renderPortalError(reason: keyof typeof PORTAL_LABELS.en.errors, language: DocumentLanguage): string {
  const text = escapeHtml(PORTAL_LABELS[language].errors[reason]);
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>${text}</title><style>${STYLE}</style></head>
<body><main><section><p>${text}</p></section></main></body></html>
`;
}

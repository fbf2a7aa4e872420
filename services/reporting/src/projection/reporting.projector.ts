import { EventEnvelope, TenantEvent, TenantSettings } from '@carnet/events';
import {
  activeClientsByYear, applyToLedger, ClientLedger, contactMembership, emptyClientLedger, invoiceSale, invoicesTouchedBy, LedgerEvent, movesFiscalYears, SentInvoiceRef,
} from '../domain';
import { ReadModelSet } from '../read-models/read-model-set';

// Only these change which invoices are sent and not void, hence who is an active client.
const MEMBERSHIP_EVENTS = new Set(['InvoiceSent', 'InvoiceVoided']);
// These may change what an invoice adds to the tenant's sales: its subtotal, currency or rate, sending or void.
const SALES_EVENTS = new Set(['InvoiceCreated', 'InvoiceUpdated', 'InvoiceSent', 'InvoiceVoided']);

/**
 * Applies one event of tenants.events, contacts.events or billing.events to one generation of
 * the read models. Every step is idempotent (version-guarded, or recomputed from stored state),
 * so a redelivered event, or one whose first attempt failed halfway, leaves the same result.
 */
export class ReportingProjector {
  constructor(private readonly models: ReadModelSet) {}

  async apply(e: EventEnvelope): Promise<void> {
    if (e.aggregateType === 'Tenant') await this.applyTenant(e as TenantEvent);
    // Events not about one client (taxes, items) have no ledger.
    else if (e.contactId) await this.applyClient(e, e.contactId);
    await this.models.tenants.touch(e.tenantId, e.occurredAt);
  }

  private async applyTenant(e: TenantEvent): Promise<void> {
    const { after } = await this.models.tenants.apply(e);
    // Recomputed even when the event was applied already: a crash may have come in between.
    if (!movesFiscalYears(e) || !after.settings) return;
    const settings = after.settings;
    const facts = await this.models.facts.sentIn(e.tenantId, null);
    await this.models.activeClients.replaceTenant(e.tenantId, activeClientsByYear(facts, settings));
    await this.models.sales.replaceTenant(e.tenantId, facts.map((f) => ({ contactId: f.contactId, invoiceId: f.invoiceId, sale: invoiceSale(f, settings) })));
  }

  private async applyClient(e: EventEnvelope, contactId: string): Promise<void> {
    const next = await this.models.ledgers.update(e.tenantId, contactId, () => emptyClientLedger(e.tenantId, contactId), (l) => applyToLedger(l, e as LedgerEvent));
    // Derived models are rewritten even when the ledger had the event already: a crash may have come between.
    const ledger = next ?? (await this.models.ledgers.find(e.tenantId, contactId));
    if (!ledger) return;
    for (const invoiceId of invoicesTouchedBy(e)) {
      const inv = ledger.invoices.find((i) => i.id === invoiceId);
      if (inv) await this.models.facts.save(e.tenantId, contactId, ledger.versions.billing, inv);
    }
    if (!MEMBERSHIP_EVENTS.has(e.type) && !SALES_EVENTS.has(e.type)) return;
    // Until the tenant's calendar is known, the facts wait: TenantCreated computes every tenant figure from them.
    const settings = (await this.models.tenants.find(e.tenantId))?.settings;
    if (!settings) return;
    if (SALES_EVENTS.has(e.type)) await this.updateSales(ledger, invoicesTouchedBy(e), settings);
    if (MEMBERSHIP_EVENTS.has(e.type)) await this.updateMembership(ledger, settings);
  }

  private async updateSales(ledger: ClientLedger, invoiceIds: readonly string[], settings: TenantSettings): Promise<void> {
    for (const invoiceId of invoiceIds) {
      const inv = ledger.invoices.find((i) => i.id === invoiceId);
      if (inv) await this.models.sales.setSale(ledger.tenantId, { contactId: ledger.contactId, invoiceId, sale: invoiceSale(inv, settings) });
    }
  }

  private async updateMembership(ledger: ClientLedger, settings: TenantSettings): Promise<void> {
    const sent = ledger.invoices.flatMap((i): SentInvoiceRef[] =>
      i.sentAt === null ? [] : [{ contactId: ledger.contactId, invoiceId: i.id, number: i.number, sentAt: i.sentAt, voided: i.voidedAt !== null }],
    );
    for (const [fy, member] of contactMembership(ledger.contactId, sent, settings)) {
      await this.models.activeClients.setMember(ledger.tenantId, fy, ledger.contactId, member);
    }
  }
}

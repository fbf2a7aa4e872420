import { EventEnvelope, TenantEvent, TenantSettings } from '@carnet/events';
import { ReadWriteLock } from '@carnet/eventstore';
import {
  activeClientsByYear, applyToLedger, ClientLedger, contactMembership, emptyClientLedger, invoiceSale, invoicesTouchedBy, LedgerEvent, movesFiscalYears, SentInvoiceRef,
} from '../domain';
import { ReadModelSet } from '../read-models/read-model-set';

// Only these change which invoices are sent and not void, hence who is an active client.
const MEMBERSHIP_EVENTS = new Set(['InvoiceSent', 'InvoiceVoided']);
// These may change what an invoice adds to the tenant's sales: its subtotal, currency or rate, sending or void.
const SALES_EVENTS = new Set(['InvoiceCreated', 'InvoiceUpdated', 'InvoiceSent', 'InvoiceVoided']);

/**
 * Applies events of tenants.events, contacts.events and billing.events to one generation of the
 * read models. Every step is idempotent (version-guarded, or recomputed from stored state), so a
 * redelivered event, or one whose first attempt failed halfway, leaves the same result.
 *
 * Events come in batches: a client's events in a batch are applied to its ledger in memory and
 * written once, its derived models are recomputed once from the result, and each tenant's asOf
 * is moved once. A tenant event (a calendar change) first writes what came before it.
 */
export class ReportingProjector {
  private readonly lock = new ReadWriteLock();

  constructor(private readonly models: ReadModelSet) {}

  apply(e: EventEnvelope): Promise<void> {
    return this.applyBatch([e]);
  }

  /**
   * Batches of several partitions may be applied at once: client events only touch their clients'
   * documents (each guarded) and their tenant's asOf; a tenant event recomputes the tenant's figures
   * from the stored facts, so it runs alone, after the batches already started.
   */
  applyBatch(events: readonly EventEnvelope[]): Promise<void> {
    const apply = () => this.applyInOrder(events);
    return events.some((e) => e.aggregateType === 'Tenant') ? this.lock.runExclusive(apply) : this.lock.runShared(apply);
  }

  private async applyInOrder(events: readonly EventEnvelope[]): Promise<void> {
    let clients = new Map<string, EventEnvelope[]>();
    const flush = async () => {
      const groups = [...clients.values()];
      clients = new Map();
      await this.applyClients(groups);
    };
    const asOf = new Map<string, string>();
    for (const e of events) {
      if (e.aggregateType === 'Tenant') {
        await flush();
        await this.applyTenant(e as TenantEvent);
      } else if (e.contactId) {
        // Events not about one client (taxes, items) have no ledger.
        const key = `${e.tenantId}:${e.contactId}`;
        clients.get(key)?.push(e) ?? clients.set(key, [e]);
      }
      const known = asOf.get(e.tenantId);
      if (known === undefined || Date.parse(e.occurredAt) > Date.parse(known)) asOf.set(e.tenantId, e.occurredAt);
    }
    await flush();
    for (const [tenantId, occurredAt] of asOf) await this.models.tenants.touch(tenantId, occurredAt);
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

  /** Each group is one client's events, in order: one ledger write for all, then each client's derived models. */
  private async applyClients(groups: ReadonlyArray<readonly EventEnvelope[]>): Promise<void> {
    if (groups.length === 0) return;
    const next = await this.models.ledgers.updateMany(groups.map((events) => {
      const { tenantId, contactId } = events[0]! as EventEnvelope & { contactId: string };
      return {
        tenantId,
        contactId,
        likelyNew: events[0]!.type === 'ContactCreated',
        empty: () => emptyClientLedger(tenantId, contactId),
        change: (l: ClientLedger) => {
          let ledger: ClientLedger | null = null;
          for (const e of events) ledger = applyToLedger(ledger ?? l, e as LedgerEvent) ?? ledger;
          return ledger;
        },
      };
    }));
    for (const [i, events] of groups.entries()) await this.applyDerived(events, next[i] ?? null);
  }

  private async applyDerived(events: readonly EventEnvelope[], written: ClientLedger | null): Promise<void> {
    const { tenantId, contactId } = events[0]! as EventEnvelope & { contactId: string };
    // Derived models are rewritten even when the ledger had the events already: a crash may have come between.
    const ledger = written ?? (await this.models.ledgers.find(tenantId, contactId));
    if (!ledger) return;
    // A fact carries the version of the last event that touched its invoice, however the events were batched.
    const touchedAt = new Map<string, number>();
    for (const e of events) for (const invoiceId of invoicesTouchedBy(e)) touchedAt.set(invoiceId, Math.max(touchedAt.get(invoiceId) ?? 0, e.version));
    for (const [invoiceId, version] of touchedAt) {
      const inv = ledger.invoices.find((i) => i.id === invoiceId);
      if (inv) await this.models.facts.save(tenantId, contactId, version, inv);
    }
    const salesEvents = events.filter((e) => SALES_EVENTS.has(e.type));
    const membership = events.some((e) => MEMBERSHIP_EVENTS.has(e.type));
    if (salesEvents.length === 0 && !membership) return;
    // Until the tenant's calendar is known, the facts wait: TenantCreated computes every tenant figure from them.
    const settings = (await this.models.tenants.find(tenantId))?.settings;
    if (!settings) return;
    if (salesEvents.length > 0) await this.updateSales(ledger, [...new Set(salesEvents.flatMap(invoicesTouchedBy))], settings);
    if (membership) await this.updateMembership(ledger, settings);
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

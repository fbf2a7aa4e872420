import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { upsertIfNewer } from '@carnet/eventstore';
import { MONGO_DB } from '@carnet/messaging';
import { convertMinor } from '@carnet/money';
import { LedgerInvoice } from '../domain';

/** A sent invoice as tenant-wide questions need it: who, when, how much before tax, voided or not. */
export interface InvoiceFact {
  _id: string;
  tenantId: string;
  contactId: string;
  invoiceId: string;
  number: string | null;
  /** Billing version of the ClientAccount when this fact was written. */
  version: number;
  sentAt: string;
  voided: boolean;
  currency: string;
  exchangeRate: string | null;
  subtotal: number;
}

export interface PeriodUtc {
  startUtc: string;
  endUtcExclusive: string;
}

@Injectable()
export class InvoiceFactsRepository implements OnModuleInit {
  private readonly facts: Collection<InvoiceFact>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.facts = db.collection<InvoiceFact>('invoice_facts');
  }

  async onModuleInit(): Promise<void> {
    await this.facts.createIndex({ tenantId: 1, voided: 1, sentAt: 1 });
  }

  async save(tenantId: string, contactId: string, version: number, inv: LedgerInvoice): Promise<void> {
    if (!inv.sentAt) return;
    await upsertIfNewer(this.facts, {
      _id: `${tenantId}:${inv.id}`, tenantId, contactId, invoiceId: inv.id, number: inv.number, version,
      sentAt: new Date(inv.sentAt).toISOString(), voided: inv.voidedAt !== null, currency: inv.currency,
      exchangeRate: inv.exchangeRate, subtotal: inv.subtotal,
    });
  }

  /** Non-void invoices sent in the period (UTC instants, end exclusive), oldest first. */
  sentIn(tenantId: string, period: PeriodUtc | null): Promise<InvoiceFact[]> {
    const sentAt = period ? { $gte: period.startUtc, $lt: period.endUtcExclusive } : { $exists: true };
    return this.facts.find({ tenantId, voided: false, sentAt }).sort({ sentAt: 1 }).toArray();
  }

  /** The tenant's pre-tax sales in home currency in the period, each invoice at its own rate. */
  async salesHome(tenantId: string, period: PeriodUtc | null, homeCurrency: string): Promise<number> {
    const facts = await this.sentIn(tenantId, period);
    return facts.reduce((sum, f) => sum + (f.exchangeRate ? convertMinor(f.subtotal, f.currency, f.exchangeRate, homeCurrency) : f.subtotal), 0);
  }
}

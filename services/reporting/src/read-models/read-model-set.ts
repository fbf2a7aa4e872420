import type { Db } from 'mongodb';
import { ActiveClientsRepository } from './active-clients.repository';
import { ClientLedgerRepository } from './client-ledger.repository';
import { InvoiceFactsRepository } from './invoice-facts.repository';
import { TenantSalesRepository } from './tenant-sales.repository';
import { TenantSettingsRepository } from './tenant-settings.repository';

export const READ_MODEL_COLLECTIONS = [
  'client_ledgers', 'invoice_facts', 'tenant_reports', 'active_client_members', 'active_client_counts', 'invoice_sales', 'sales_totals',
] as const;
export type ReadModelCollection = (typeof READ_MODEL_COLLECTIONS)[number];

// Collections of earlier versions, no longer written: a rebuild drops them with the generation they were in.
const RETIRED_COLLECTIONS = ['active_client_years'];

/**
 * Every read model of one generation. A rebuild fills a new generation beside the live one and
 * then swaps it in; the first generation ("") keeps the plain collection names.
 */
export class ReadModelSet {
  readonly ledgers: ClientLedgerRepository;
  readonly facts: InvoiceFactsRepository;
  readonly tenants: TenantSettingsRepository;
  readonly activeClients: ActiveClientsRepository;
  readonly sales: TenantSalesRepository;

  constructor(private readonly db: Db, readonly generation: string) {
    this.ledgers = new ClientLedgerRepository(db, this.collectionName('client_ledgers'));
    this.facts = new InvoiceFactsRepository(db, this.collectionName('invoice_facts'));
    this.tenants = new TenantSettingsRepository(db, this.collectionName('tenant_reports'));
    this.activeClients = new ActiveClientsRepository(db, this.collectionName('active_client_members'), this.collectionName('active_client_counts'));
    this.sales = new TenantSalesRepository(db, this.collectionName('invoice_sales'), this.collectionName('sales_totals'));
  }

  collectionName(name: ReadModelCollection): string {
    return this.generation ? `${this.generation}_${name}` : name;
  }

  async ensureIndexes(): Promise<void> {
    await this.ledgers.ensureIndexes();
    await this.facts.ensureIndexes();
    await this.activeClients.ensureIndexes();
    await this.sales.ensureIndexes();
  }

  /** Drops every collection of this generation (those that exist). */
  async drop(): Promise<void> {
    const existing = new Set((await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    for (const name of [...READ_MODEL_COLLECTIONS, ...RETIRED_COLLECTIONS]) {
      const collection = this.generation ? `${this.generation}_${name}` : name;
      if (existing.has(collection)) await this.db.dropCollection(collection);
    }
  }
}

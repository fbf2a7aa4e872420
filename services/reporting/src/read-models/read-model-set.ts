import type { Db } from 'mongodb';
import { ActiveClientsRepository } from './active-clients.repository';
import { ClientLedgerRepository } from './client-ledger.repository';
import { InvoiceFactsRepository } from './invoice-facts.repository';
import { TenantSettingsRepository } from './tenant-settings.repository';

export const READ_MODEL_COLLECTIONS = ['client_ledgers', 'invoice_facts', 'tenant_reports', 'active_client_years'] as const;
export type ReadModelCollection = (typeof READ_MODEL_COLLECTIONS)[number];

/**
 * Every read model of one generation. A rebuild fills a new generation beside the live one and
 * then swaps it in; the first generation ("") keeps the plain collection names.
 */
export class ReadModelSet {
  readonly ledgers: ClientLedgerRepository;
  readonly facts: InvoiceFactsRepository;
  readonly tenants: TenantSettingsRepository;
  readonly activeClients: ActiveClientsRepository;

  constructor(private readonly db: Db, readonly generation: string) {
    this.ledgers = new ClientLedgerRepository(db, this.collectionName('client_ledgers'));
    this.facts = new InvoiceFactsRepository(db, this.collectionName('invoice_facts'));
    this.tenants = new TenantSettingsRepository(db, this.collectionName('tenant_reports'));
    this.activeClients = new ActiveClientsRepository(db, this.collectionName('active_client_years'));
  }

  collectionName(name: ReadModelCollection): string {
    return this.generation ? `${this.generation}_${name}` : name;
  }

  async ensureIndexes(): Promise<void> {
    await this.ledgers.ensureIndexes();
    await this.facts.ensureIndexes();
    await this.activeClients.ensureIndexes();
  }

  /** Drops every collection of this generation (those that exist). */
  async drop(): Promise<void> {
    const existing = new Set((await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    for (const name of READ_MODEL_COLLECTIONS) {
      if (existing.has(this.collectionName(name))) await this.db.dropCollection(this.collectionName(name));
    }
  }
}

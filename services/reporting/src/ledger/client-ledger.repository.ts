import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { MONGO_DB } from '@carnet/messaging';
import { ClientLedger } from '../domain';

type LedgerDocument = ClientLedger & { _id: string; rev: number };

const isDuplicate = (e: unknown) => (e as { code?: number }).code === 11000;

/**
 * One document per client. Updates are read-modify-write guarded by a revision number, so two
 * events for the same client (from contacts and billing partitions) never overwrite each other.
 */
@Injectable()
export class ClientLedgerRepository implements OnModuleInit {
  private readonly docs: Collection<LedgerDocument>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.docs = db.collection<LedgerDocument>('client_ledgers');
  }

  async onModuleInit(): Promise<void> {
    await this.docs.createIndex({ tenantId: 1, contactId: 1 });
  }

  async find(tenantId: string, contactId: string): Promise<ClientLedger | null> {
    const doc = await this.docs.findOne({ _id: `${tenantId}:${contactId}` });
    if (!doc) return null;
    const { _id, rev, ...ledger } = doc;
    return ledger;
  }

  /** Applies `change` atomically; `change` returns null when there is nothing to write. */
  async update(tenantId: string, contactId: string, empty: () => ClientLedger, change: (l: ClientLedger) => ClientLedger | null): Promise<ClientLedger | null> {
    const _id = `${tenantId}:${contactId}`;
    for (;;) {
      const doc = await this.docs.findOne({ _id });
      const { _id: _ignored, rev, ...current } = doc ?? { _id, rev: 0, ...empty() };
      const next = change(current);
      if (!next) return null;
      if (!doc) {
        try {
          await this.docs.insertOne({ ...next, _id, rev: 1 });
          return next;
        } catch (e) {
          if (isDuplicate(e)) continue;
          throw e;
        }
      }
      const res = await this.docs.replaceOne({ _id, rev }, { ...next, rev: rev + 1 });
      if (res.matchedCount === 1) return next;
    }
  }
}

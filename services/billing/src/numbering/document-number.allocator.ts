import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { MONGO_DB } from '@carnet/messaging';

interface NumberDocument {
  _id: string;
  tenantId: string;
  kind: string;
  seq: number;
  ownerId: string;
}

export type NumberKind = 'INV' | 'REC' | 'QUO';

const isDuplicate = (e: unknown) => (e as { code?: number }).code === 11000;

/**
 * Sequential document numbers per tenant (INV-000001, REC-000001, QUO-000001) with no duplicate and
 * no gap under concurrency: each number is a document with a unique (tenant, kind, seq), and each
 * document owns at most one number, so a retried send reuses the number it already holds. Only
 * unique inserts decide (the one atomic write on FerretDB v1). Callers check a command before
 * taking a number, one command per account at a time, so a number taken is a number used.
 */
@Injectable()
export class DocumentNumberAllocator implements OnModuleInit {
  private readonly numbers: Collection<NumberDocument>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.numbers = db.collection<NumberDocument>('document_numbers');
  }

  async onModuleInit(): Promise<void> {
    await this.numbers.createIndex({ tenantId: 1, kind: 1, seq: 1 }, { unique: true });
    await this.numbers.createIndex({ tenantId: 1, kind: 1, ownerId: 1 }, { unique: true });
  }

  async allocate(tenantId: string, kind: NumberKind, ownerId: string): Promise<string> {
    for (;;) {
      const held = await this.numbers.findOne({ tenantId, kind, ownerId });
      if (held) return format(kind, held.seq);
      const last = await this.numbers.find({ tenantId, kind }).sort({ seq: -1 }).limit(1).next();
      const seq = (last?.seq ?? 0) + 1;
      try {
        await this.numbers.insertOne({ _id: `${tenantId}:${kind}:${seq}`, tenantId, kind, seq, ownerId });
        return format(kind, seq);
      } catch (e) {
        if (!isDuplicate(e)) throw e;
        // another document took this number, or this one already got one: look again
      }
    }
  }
}

const format = (kind: string, seq: number) => `${kind}-${String(seq).padStart(6, '0')}`;

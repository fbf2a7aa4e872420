import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey, KeyedLock, RecentMap } from '@carnet/eventstore';
import { MONGO_DB } from '@carnet/messaging';

interface NumberDocument {
  _id: string;
  tenantId: string;
  kind: string;
  seq: number;
  ownerId: string;
  /** The client account of the owner, to check after a crash whether the number was used. */
  contactId?: string;
  reservedAt?: Date;
}

/** A number held by a document, as `releaseUnused` asks about it. */
export interface HeldNumber {
  tenantId: string;
  kind: NumberKind;
  number: string;
  ownerId: string;
  contactId: string;
}

export type NumberKind = 'INV' | 'REC' | 'QUO';

// Sequences (tenant and kind) whose next number this process remembers.
const MAX_KNOWN_SEQUENCES = 10_000;

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
  private readonly nextSeq = new RecentMap<string, number>(MAX_KNOWN_SEQUENCES);
  private readonly taking = new KeyedLock();
  // Per sequence, the number of a document whose commit failed, until checked (see withNumber).
  private readonly failed = new Map<string, { held: HeldNumber; seq: number }>();

  constructor(@Inject(MONGO_DB) db: Db) {
    this.numbers = db.collection<NumberDocument>('document_numbers');
  }

  async onModuleInit(): Promise<void> {
    await this.numbers.createIndex({ tenantId: 1, kind: 1, seq: 1 }, { unique: true });
    await this.numbers.createIndex({ tenantId: 1, kind: 1, ownerId: 1 }, { unique: true });
  }

  allocate(tenantId: string, kind: NumberKind, ownerId: string, contactId: string): Promise<string> {
    const sequence = `${tenantId}:${kind}`;
    // One number at a time per sequence in this process: concurrent sends would otherwise try the
    // same number, and each refused one would cost the slow reads below.
    return this.taking.run(sequence, async () => format(kind, await this.take(sequence, { tenantId, kind, ownerId, contactId })));
  }

  /**
   * Takes the next number for `owner` and runs `use` (the commit of the document carrying it) with
   * it, holding the sequence in this process meanwhile. When `use` fails (the database went away,
   * another process changed the account), the number goes back to the sequence unless `isUsed`
   * finds the document stored with it: it is still the top, as no number was taken meanwhile. When
   * that check fails too, it is made before the sequence's next number.
   */
  withNumber<T>(owner: Omit<HeldNumber, 'number'>, use: (number: string) => Promise<T>, isUsed: (held: HeldNumber) => Promise<boolean>): Promise<T> {
    const sequence = `${owner.tenantId}:${owner.kind}`;
    return this.taking.run(sequence, async () => {
      await this.settleFailed(sequence, isUsed);
      const seq = await this.take(sequence, owner);
      const number = format(owner.kind, seq);
      try {
        return await use(number);
      } catch (e) {
        this.failed.set(sequence, { held: { ...owner, number }, seq });
        await this.settleFailed(sequence, isUsed).catch(() => undefined); // left for the next number
        throw e;
      }
    });
  }

  private async settleFailed(sequence: string, isUsed: (held: HeldNumber) => Promise<boolean>): Promise<void> {
    const failed = this.failed.get(sequence);
    if (!failed) return;
    const { held, seq } = failed;
    if (!(await isUsed(held))) {
      // Taken above it by another process: giving it back would leave a gap (a retry of its
      // document reuses it).
      if (!(await this.exists(sequence, seq + 1))) {
        await this.numbers.deleteOne({ _id: `${sequence}:${seq}`, ownerId: held.ownerId });
        this.nextSeq.set(sequence, seq);
      }
    }
    this.failed.delete(sequence);
  }

  /**
   * Tries the number after the last this process took (no read), or after the top found by `_id`
   * lookups, until an insert is not refused by a unique key. A refusal is read by `_id` too: the
   * number taken by another process (go on from the top), or held by this owner already; only an
   * owner holding another number is looked up by a query (on FerretDB, a scan of every tenant's
   * numbers), the rare retry of a document whose first try did not commit.
   */
  private async take(sequence: string, wanted: { tenantId: string; kind: NumberKind; ownerId: string; contactId: string }): Promise<number> {
    const { tenantId, kind, ownerId, contactId } = wanted;
    let seq = this.nextSeq.get(sequence) ?? (await this.topFrom(sequence, 0)) + 1;
    for (;;) {
      try {
        await this.numbers.insertOne({ _id: `${sequence}:${seq}`, tenantId, kind, seq, ownerId, contactId, reservedAt: new Date() });
        this.nextSeq.set(sequence, seq + 1);
        return seq;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        this.nextSeq.delete(sequence);
      }
      const there = await this.numbers.findOne({ _id: `${sequence}:${seq}` });
      if (there?.ownerId === ownerId) return seq;
      if (there) {
        seq = (await this.topFrom(sequence, seq)) + 1;
        continue;
      }
      const held = await this.numbers.findOne({ tenantId, kind, ownerId });
      if (held) return held.seq;
      seq = (await this.topFrom(sequence, 0)) + 1; // given back meanwhile: start again from the top
    }
  }

  /**
   * The top of a sequence, from a number `low` known to exist (0: none), by `_id` lookups: steps
   * doubling up, then halving back (about 2·log₂ of the distance). A sequence has no gap, so every
   * number up to its top exists and none above.
   */
  private async topFrom(sequence: string, low: number): Promise<number> {
    const exists = (seq: number) => this.exists(sequence, seq);
    let step = 1;
    let high = low + 1; // the first number not known to exist
    while (await exists(high)) {
      low = high;
      step *= 2;
      high = low + step;
    }
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (await exists(mid)) low = mid;
      else high = mid;
    }
    return low;
  }

  private async exists(sequence: string, seq: number): Promise<boolean> {
    return (await this.numbers.findOne({ _id: `${sequence}:${seq}` }, { projection: { _id: 1 } })) !== null;
  }

  /**
   * A crash between taking a number and committing the document that takes it leaves the number
   * held by a document that does not carry it: the next one would then skip it (a gap). Run at
   * start, before any command: the numbers reserved since `since` at the top of each sequence that
   * their owner never used are given back, from the top down, so the sequence goes on without a gap.
   */
  async releaseUnused(since: Date, isUsed: (held: HeldNumber) => Promise<boolean>): Promise<HeldNumber[]> {
    const recent = await this.numbers.find({ reservedAt: { $gte: since } }).toArray();
    const sequences = new Map<string, NumberDocument[]>();
    for (const doc of recent) {
      if (!doc.contactId) continue;
      const key = `${doc.tenantId}\u0000${doc.kind}`;
      sequences.get(key)?.push(doc) ?? sequences.set(key, [doc]);
    }
    const released: HeldNumber[] = [];
    for (const docs of sequences.values()) {
      const { tenantId, kind } = docs[0]!;
      docs.sort((a, b) => b.seq - a.seq);
      // Found by lookups from the highest number reserved lately (a scan per sequence took minutes).
      let top = await this.topFrom(`${tenantId}:${kind}`, docs[0]!.seq);
      for (const doc of docs) {
        if (doc.seq !== top) break; // a number under a used one: giving it back would not close the gap
        const held = { tenantId, kind: kind as NumberKind, number: format(kind, doc.seq), ownerId: doc.ownerId, contactId: doc.contactId! };
        if (await isUsed(held)) break;
        await this.numbers.deleteOne({ _id: doc._id });
        this.nextSeq.delete(`${tenantId}:${kind}`); // the sequence now goes on from lower down
        released.push(held);
        top = doc.seq - 1;
      }
    }
    return released;
  }
}

const format = (kind: string, seq: number) => `${kind}-${String(seq).padStart(6, '0')}`;

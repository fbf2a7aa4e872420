import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { ensureQueryIndex, isDuplicateKey, KeyedLock, RecentMap } from '@carnet/eventstore';
import { MONGO_DB } from '@carnet/messaging';
import { decideIdempotency, IDEMPOTENCY_WINDOW_MS, IdempotencyRecord, IN_FLIGHT_LEASE_MS, StoredResponse } from './idempotency.decide';

export type ClaimResult =
  | { kind: 'proceed'; id: string; claimId: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-flight' }
  | { kind: 'mismatch' };

const SWEEP_EVERY_MS = 60 * 60_000;
// Keys whose release this process still owes (remembered, bounded, until the database is back).
const MAX_OWED_RELEASES = 10_000;

/**
 * Idempotency keys in the gateway's database: one document per (tenant, key), claimed by a unique
 * _id. Every read and write names the record by `_id` alone (any other filter scans the whole
 * collection on FerretDB/SQLite); checks of the claim are made in code, one at a time per key in
 * this process, and a first claim is still decided by the unique insert.
 */
@Injectable()
export class IdempotencyRepository implements OnModuleInit, OnModuleDestroy {
  private readonly records: Collection<IdempotencyRecord>;
  private readonly lock = new KeyedLock();
  private readonly owedReleases = new RecentMap<string, string>(MAX_OWED_RELEASES);
  private sweeper: NodeJS.Timeout | null = null;

  constructor(@Inject(MONGO_DB) private readonly db: Db) {
    this.records = db.collection<IdempotencyRecord>('idempotency_keys');
  }

  async onModuleInit(): Promise<void> {
    await ensureQueryIndex(this.db, this.records, { createdAt: 1 });
    // Expired keys are already ignored on read; the sweep only keeps the collection small.
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Claims the key for this request, or says what the first request with it got. */
  async claim(scope: string, key: string, fingerprint: string, now = new Date()): Promise<ClaimResult> {
    const id = `${scope}:${createHash('sha256').update(key).digest('hex')}`;
    // A release that failed (the database away when the request failed) is made before the retry
    // it was meant to let through, rather than holding the key for its whole lease.
    const owed = this.owedReleases.get(id);
    if (owed !== undefined) {
      await this.release(id, owed);
      this.owedReleases.delete(id);
    }
    // A lost race re-reads: the winner's record then decides (in flight, replay or mismatch).
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await this.records.findOne({ _id: id });
      const decision = decideIdempotency(existing, fingerprint, now);
      if (decision.kind === 'replay' || decision.kind === 'in-flight' || decision.kind === 'mismatch') return decision;
      const claimId = randomUUID();
      const fresh: IdempotencyRecord = {
        _id: id, scope, fingerprint, claimId, state: 'in_flight', createdAt: now,
        lockedUntil: new Date(now.getTime() + IN_FLIGHT_LEASE_MS), response: null,
      };
      if (decision.kind === 'claim') {
        try {
          await this.records.insertOne(fresh);
          return { kind: 'proceed', id, claimId };
        } catch (e) {
          if (!isDuplicateKey(e)) throw e;
          continue;
        }
      }
      // Take over an expired key or an abandoned claim, unless someone else just did.
      const { _id, ...rest } = fresh;
      const tookOver = await this.ifClaimedBy(id, decision.previous.claimId, () => this.records.updateOne({ _id }, { $set: rest }));
      if (tookOver) return { kind: 'proceed', id, claimId };
    }
    return { kind: 'in-flight' };
  }

  async complete(id: string, claimId: string, response: StoredResponse): Promise<void> {
    await this.ifClaimedBy(id, claimId, () => this.records.updateOne({ _id: id }, { $set: { state: 'done', response } }));
  }

  async release(id: string, claimId: string): Promise<void> {
    try {
      await this.ifClaimedBy(id, claimId, () => this.records.deleteOne({ _id: id }));
    } catch (e) {
      this.owedReleases.set(id, claimId);
      throw e;
    }
  }

  /** Runs `write` if the record is still held by `claimId`; true when it ran. */
  private ifClaimedBy(id: string, claimId: string, write: () => Promise<unknown>): Promise<boolean> {
    return this.lock.run(id, async () => {
      if ((await this.records.findOne({ _id: id }, { projection: { claimId: 1 } }))?.claimId !== claimId) return false;
      await write();
      return true;
    });
  }

  async sweep(now = new Date()): Promise<number> {
    const res = await this.records.deleteMany({ createdAt: { $lt: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS) } });
    return res.deletedCount;
  }
}

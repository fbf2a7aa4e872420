import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '@carnet/eventstore';
import { MONGO_DB } from '@carnet/messaging';
import { PROJECTION_OPTIONS, ProjectionOptions } from '../reporting.config';
import { ReadModelSet } from './read-model-set';

/** The generation queries read and the consumer group that feeds it. */
export interface LiveGeneration {
  generation: string;
  groupId: string;
}

interface LiveDocument extends LiveGeneration {
  _id: 'live';
  swappedAt: string;
}

// Queries may read the pointer this stale; the projection re-reads it on its own schedule.
const CACHE_MS = 500;

/** Knows which generation of the read models is live, and swaps in a rebuilt one. */
@Injectable()
export class ReadModelRegistry {
  private readonly meta: Collection<LiveDocument>;
  private cached: { set: ReadModelSet; at: number } | null = null;

  constructor(@Inject(MONGO_DB) private readonly db: Db, @Inject(PROJECTION_OPTIONS) private readonly opts: ProjectionOptions) {
    this.meta = db.collection<LiveDocument>('reporting_meta');
  }

  /** Before any rebuild: plain collection names, and the group the service always used. */
  initial(): LiveGeneration {
    return { generation: '', groupId: `reporting.client-ledger${this.opts.groupSuffix}` };
  }

  /** A new generation's name and the consumer group that builds it, and then keeps it live. */
  next(now = new Date()): LiveGeneration {
    const generation = `g${now.getTime().toString(36)}`;
    return { generation, groupId: `reporting.${generation}${this.opts.groupSuffix}` };
  }

  async live(): Promise<LiveGeneration> {
    const doc = await this.meta.findOne({ _id: 'live' });
    return doc ? { generation: doc.generation, groupId: doc.groupId } : this.initial();
  }

  set(generation: string): ReadModelSet {
    return new ReadModelSet(this.db, generation);
  }

  /** The live read models, for queries. */
  async current(): Promise<ReadModelSet> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.set;
    const { generation } = await this.live();
    const set = this.cached?.set.generation === generation ? this.cached.set : this.set(generation);
    this.cached = { set, at: Date.now() };
    return set;
  }

  /** Points the service at `to`, only if `from` is still live (two rebuilds cannot both win). */
  async swap(from: LiveGeneration, to: LiveGeneration): Promise<boolean> {
    const swappedAt = new Date().toISOString();
    const res = await this.meta.updateOne({ _id: 'live', generation: from.generation, groupId: from.groupId }, { $set: { ...to, swappedAt } });
    if (res.matchedCount === 1) return true;
    const initial = this.initial();
    if (from.generation !== initial.generation || from.groupId !== initial.groupId) return false;
    try {
      // No pointer yet: the initial generation was live, and the first swap creates the pointer.
      await this.meta.insertOne({ _id: 'live', ...to, swappedAt });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
}

import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { ensureQueryIndex, RecentMap } from '@carnet/eventstore';
import { MONGO_DB } from '@carnet/messaging';

interface ApiKeyDocument {
  _id: string;
  tenantId: string;
  /** sha256 of the key: the key itself is shown once and never stored. */
  hash: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface IssuedKey {
  id: string;
  apiKey: string;
  prefix: string;
  createdAt: string;
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

type ResolvedKey = { id: string; tenantId: string } | null;

// Every request names its key: resolving it from memory spares a database read per request. A key
// revoked through this process is forgotten at once; one revoked through another gateway instance
// stops working here within KEY_CACHE_MS.
const KEY_CACHE_MS = 5_000;
const MAX_CACHED_KEYS = 10_000;

@Injectable()
export class ApiKeyRepository implements OnModuleInit {
  private readonly keys: Collection<ApiKeyDocument>;
  private readonly resolved = new RecentMap<string, { key: ResolvedKey; until: number }>(MAX_CACHED_KEYS);
  /** Revocations made through this process: a read that overlapped one is not remembered. */
  private revocations = 0;

  constructor(@Inject(MONGO_DB) private readonly db: Db) {
    this.keys = db.collection<ApiKeyDocument>('api_keys');
  }

  async onModuleInit(): Promise<void> {
    await this.keys.createIndex({ hash: 1 }, { unique: true });
    await ensureQueryIndex(this.db, this.keys, { tenantId: 1 });
  }

  async issue(tenantId: string, now = new Date()): Promise<IssuedKey> {
    const apiKey = `ck_${randomBytes(24).toString('base64url')}`;
    const doc: ApiKeyDocument = { _id: randomUUID(), tenantId, hash: hashKey(apiKey), prefix: apiKey.slice(0, 7), createdAt: now.toISOString(), revokedAt: null };
    await this.keys.insertOne(doc);
    return { id: doc._id, apiKey, prefix: doc.prefix, createdAt: doc.createdAt };
  }

  /** The key's id and tenant, or null when unknown or revoked. */
  async resolve(apiKey: string): Promise<ResolvedKey> {
    const hash = hashKey(apiKey);
    const cached = this.resolved.get(hash);
    if (cached && cached.until > Date.now()) return cached.key;
    const revocationsBefore = this.revocations;
    const doc = await this.keys.findOne({ hash });
    const key = doc && !doc.revokedAt ? { id: doc._id, tenantId: doc.tenantId } : null;
    // An unknown key is not remembered: one just issued by another instance must work at once. Nor
    // is one read while a revocation was under way: it may be the key being revoked.
    if (key && this.revocations === revocationsBefore) this.resolved.set(hash, { key, until: Date.now() + KEY_CACHE_MS });
    return key;
  }

  async revoke(tenantId: string, id: string, now = new Date()): Promise<boolean> {
    this.revocations++;
    const res = await this.keys.updateOne({ _id: id, tenantId }, { $set: { revokedAt: now.toISOString() } });
    // Counted again once stored: a read that began before the update and ends after it is not remembered.
    this.revocations++;
    const doc = await this.keys.findOne({ _id: id, tenantId });
    if (doc) this.resolved.delete(doc.hash);
    return res.matchedCount > 0;
  }

  async list(tenantId: string): Promise<Array<{ id: string; prefix: string; createdAt: string; revokedAt: string | null }>> {
    const docs = await this.keys.find({ tenantId }).sort({ createdAt: 1 }).toArray();
    return docs.map((d) => ({ id: d._id, prefix: d.prefix, createdAt: d.createdAt, revokedAt: d.revokedAt }));
  }
}

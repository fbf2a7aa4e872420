import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
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

@Injectable()
export class ApiKeyRepository implements OnModuleInit {
  private readonly keys: Collection<ApiKeyDocument>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.keys = db.collection<ApiKeyDocument>('api_keys');
  }

  async onModuleInit(): Promise<void> {
    await this.keys.createIndex({ hash: 1 }, { unique: true });
    await this.keys.createIndex({ tenantId: 1 });
  }

  async issue(tenantId: string, now = new Date()): Promise<IssuedKey> {
    const apiKey = `ck_${randomBytes(24).toString('base64url')}`;
    const doc: ApiKeyDocument = { _id: randomUUID(), tenantId, hash: hashKey(apiKey), prefix: apiKey.slice(0, 7), createdAt: now.toISOString(), revokedAt: null };
    await this.keys.insertOne(doc);
    return { id: doc._id, apiKey, prefix: doc.prefix, createdAt: doc.createdAt };
  }

  /** The key's id and tenant, or null when unknown or revoked. */
  async resolve(apiKey: string): Promise<{ id: string; tenantId: string } | null> {
    const doc = await this.keys.findOne({ hash: hashKey(apiKey) });
    return doc && !doc.revokedAt ? { id: doc._id, tenantId: doc.tenantId } : null;
  }

  async revoke(tenantId: string, id: string, now = new Date()): Promise<boolean> {
    const res = await this.keys.updateOne({ _id: id, tenantId }, { $set: { revokedAt: now.toISOString() } });
    return res.matchedCount > 0;
  }

  async list(tenantId: string): Promise<Array<{ id: string; prefix: string; createdAt: string; revokedAt: string | null }>> {
    const docs = await this.keys.find({ tenantId }).sort({ createdAt: 1 }).toArray();
    return docs.map((d) => ({ id: d._id, prefix: d.prefix, createdAt: d.createdAt, revokedAt: d.revokedAt }));
  }
}

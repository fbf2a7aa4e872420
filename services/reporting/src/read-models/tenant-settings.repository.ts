import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '@carnet/eventstore';
import { TenantEvent } from '@carnet/events';
import { applyTenantEvent, TenantSettingsState, unknownTenantSettings } from '../domain';

/** One document per tenant: its settings from tenants.events, and the time of its last applied event. */
export interface TenantReport extends TenantSettingsState {
  _id: string;
  tenantId: string;
  /** occurredAt (UTC) of the latest event applied for this tenant, from any topic. */
  asOf: string | null;
}

export interface TenantSettingsChange {
  before: TenantSettingsState;
  after: TenantSettingsState;
  /** False when the event had been applied already. */
  applied: boolean;
}

export class TenantSettingsRepository {
  private readonly docs: Collection<TenantReport>;

  constructor(db: Db, collectionName: string) {
    this.docs = db.collection<TenantReport>(collectionName);
  }

  find(tenantId: string): Promise<TenantReport | null> {
    return this.docs.findOne({ _id: tenantId });
  }

  /** Applies a tenant event once, guarded by the aggregate version (no lost update between instances). */
  async apply(event: TenantEvent): Promise<TenantSettingsChange> {
    const _id = event.tenantId;
    for (;;) {
      const doc = await this.docs.findOne({ _id });
      const before: TenantSettingsState = doc ? { settings: doc.settings, version: doc.version } : unknownTenantSettings();
      const after = applyTenantEvent(before, event);
      if (!after) return { before, after: before, applied: false };
      if (!doc) {
        if (await this.insert({ _id, tenantId: _id, ...after, asOf: null })) return { before, after, applied: true };
        continue;
      }
      const res = await this.docs.updateOne({ _id, version: before.version }, { $set: { settings: after.settings, version: after.version } });
      if (res.matchedCount === 1) return { before, after, applied: true };
    }
  }

  /** Moves the tenant's asOf forward to `occurredAt`; an older time changes nothing. */
  async touch(tenantId: string, occurredAt: string): Promise<void> {
    const asOf = new Date(occurredAt).toISOString();
    for (;;) {
      const res = await this.docs.updateOne({ _id: tenantId, $or: [{ asOf: null }, { asOf: { $lt: asOf } }] }, { $set: { asOf } });
      if (res.matchedCount === 1) return;
      if (await this.docs.findOne({ _id: tenantId })) return; // already at this time or later
      if (await this.insert({ _id: tenantId, tenantId, ...unknownTenantSettings(), asOf })) return;
    }
  }

  private async insert(doc: TenantReport): Promise<boolean> {
    try {
      await this.docs.insertOne(doc);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { TenantSettings } from '@carnet/events';
import { AggregateRepository, EventStore } from '@carnet/eventstore';
import { AppError } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { ApiKeyRepository, IssuedKey } from './api-key.repository';
import { createTenant, updateTenant } from './domain/tenant.decide';
import { evolveTenant, initialTenantState, TenantState } from './domain/tenant.state';

export interface TenantView extends TenantSettings {
  id: string;
  createdAt: string;
  version: number;
}

const CACHE_MS = 5_000;

/** Tenants are event-sourced here and published on tenants.events; API keys are stored hashed. */
@Injectable()
export class TenantService {
  private readonly repo: AggregateRepository<TenantState>;
  private readonly cache = new Map<string, { view: TenantView; at: number }>();

  constructor(store: EventStore, @Inject(MONGO_DB) db: Db, private readonly keys: ApiKeyRepository) {
    this.repo = new AggregateRepository<TenantState>(store, db, { type: 'Tenant', initial: initialTenantState, evolve: evolveTenant });
  }

  async create(settings: TenantSettings, actor: string): Promise<TenantView & { apiKey: string; apiKeyId: string }> {
    const id = randomUUID();
    const { state, version } = await this.repo.execute(id, id, ({ state }) => createTenant(state, settings), {
      contactId: null, metadata: { correlationId: randomUUID(), causationId: null, actor },
    });
    const key = await this.keys.issue(id);
    return { ...toView(state, version), apiKey: key.apiKey, apiKeyId: key.id };
  }

  async get(tenantId: string): Promise<TenantView> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.view;
    const { state, version } = await this.repo.load(tenantId, tenantId);
    if (!state.settings) throw AppError.notFound('tenant');
    const view = toView(state, version);
    this.cache.set(tenantId, { view, at: Date.now() });
    return view;
  }

  async update(tenantId: string, changes: Partial<TenantSettings>, actor: string, correlationId: string): Promise<TenantView> {
    const { state, version } = await this.repo.execute(tenantId, tenantId, ({ state }) => updateTenant(state, changes), {
      contactId: null, retriesOnConflict: 3, metadata: { correlationId, causationId: null, actor },
    });
    this.cache.delete(tenantId);
    return toView(state, version);
  }

  issueKey(tenantId: string): Promise<IssuedKey> {
    return this.keys.issue(tenantId);
  }

  async revokeKey(tenantId: string, keyId: string): Promise<void> {
    if (!(await this.keys.revoke(tenantId, keyId))) throw AppError.notFound('API key');
  }

  listKeys(tenantId: string) {
    return this.keys.list(tenantId);
  }
}

function toView(state: TenantState, version: number): TenantView {
  if (!state.settings || !state.createdAt) throw AppError.notFound('tenant');
  return { id: state.id, ...state.settings, createdAt: state.createdAt, version };
}

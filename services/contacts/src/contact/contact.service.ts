import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { ContactProfile, ContactProfileChanges, NewEvent } from '@carnet/events';
import { AggregateRepository, ConcurrencyError, EventStore } from '@carnet/eventstore';
import { AppError, TenantContext } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { ContactListProjection, ContactPage } from './contact-list.projection';
import { ContactView, toContactView } from './contact.view';
import { archiveContact, createContact, reactivateContact, updateContact } from './domain/contact.decide';
import { ContactError } from './domain/contact.error';
import { ContactState, evolveContact, initialContactState } from './domain/contact.state';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQuery } from './dto/list-contacts.query';
import { UpdateContactDto } from './dto/update-contact.dto';

/** Command handlers and queries of the Contact aggregate. */
@Injectable()
export class ContactService {
  private readonly repo: AggregateRepository<ContactState>;

  constructor(store: EventStore, @Inject(MONGO_DB) db: Db, private readonly list: ContactListProjection) {
    this.repo = new AggregateRepository<ContactState>(store, db, { type: 'Contact', initial: initialContactState, evolve: evolveContact });
  }

  async create(t: TenantContext, dto: CreateContactDto, source: 'api' | 'import' = 'api'): Promise<ContactView> {
    const b = dto.billing ?? {};
    const a = b.address ?? {};
    const profile: ContactProfile = {
      name: dto.name, email: dto.email ?? null, companyName: dto.companyName ?? null, phone: dto.phone ?? null,
      color: dto.color ? dto.color.toUpperCase() : null,
      billing: {
        address: { line1: a.line1 ?? null, line2: a.line2 ?? null, city: a.city ?? null, region: a.region ?? null, postalCode: a.postalCode ?? null, country: a.country ?? null },
        language: b.language ?? t.defaultLanguage ?? null,
        currency: b.currency ?? t.homeCurrency,
        paymentMethod: b.paymentMethod ?? null,
        paymentTermsDays: b.paymentTermsDays ?? 30,
      },
    };
    return this.run(t, randomUUID(), (s) => createContact(s, profile, source));
  }

  async update(t: TenantContext, id: string, dto: UpdateContactDto, ifMatch?: number): Promise<ContactView> {
    const changes: ContactProfileChanges = {};
    for (const k of ['name', 'email', 'companyName', 'phone'] as const) if (dto[k] !== undefined) changes[k] = dto[k] as never;
    if (dto.color !== undefined) changes.color = dto.color ? dto.color.toUpperCase() : null;
    if (dto.billing) {
      const { address, ...rest } = dto.billing;
      changes.billing = { ...rest, ...(address ? { address: { ...address } } : {}) } as ContactProfileChanges['billing'];
    }
    return this.run(t, id, (s, version) => {
      if (ifMatch !== undefined && ifMatch !== version) {
        throw new ContactError('VERSION_CONFLICT', `contact is at version ${version}, not ${ifMatch}`);
      }
      return updateContact(s, changes);
    }, ifMatch === undefined ? 3 : 0);
  }

  archive(t: TenantContext, id: string): Promise<ContactView> {
    return this.run(t, id, archiveContact, 3);
  }

  reactivate(t: TenantContext, id: string): Promise<ContactView> {
    return this.run(t, id, reactivateContact, 3);
  }

  async get(t: TenantContext, id: string): Promise<ContactView> {
    const { state, version } = await this.repo.load(t.tenantId, id);
    if (!state.exists) throw AppError.notFound('contact');
    return toContactView(state, version);
  }

  search(t: TenantContext, q: ListContactsQuery): Promise<ContactPage> {
    return this.list.list(t.tenantId, { status: q.status ?? 'active', q: q.q, sort: q.sort ?? 'name', limit: q.limit ?? 50, cursor: q.cursor });
  }

  emailExists(t: TenantContext, email: string): Promise<boolean> {
    return this.list.emailExists(t.tenantId, email);
  }

  private async run(t: TenantContext, id: string, decide: (s: ContactState, version: number) => NewEvent[], retries = 0): Promise<ContactView> {
    try {
      const { state, version } = await this.repo.execute(t.tenantId, id, ({ state, version }) => decide(state, version), {
        contactId: id, retriesOnConflict: retries,
        metadata: { correlationId: t.correlationId, causationId: null, actor: t.actor },
      });
      const view = toContactView(state, version);
      await this.list.save(t.tenantId, view);
      return view;
    } catch (e) {
      if (e instanceof ConcurrencyError) throw new AppError(409, 'VERSION_CONFLICT', 'The contact was changed by another request; reload it and try again');
      throw e;
    }
  }
}

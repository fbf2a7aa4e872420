import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { ContactProfile, ContactProfileChanges, NewEvent } from '@carnet/events';
import { AggregateRepository, ConcurrencyError, EventStore, KeyedLock } from '@carnet/eventstore';
import { AppError, TenantContext } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { EmailClaimRepository } from '../email-claims/email-claim.repository';
import { ContactListProjection, ContactPage } from './contact-list.projection';
import { ContactView, toContactView } from './contact.view';
import { NotePage, NoteView, toNoteView } from './note.view';
import { decodeCursor, encodeCursor } from './page-cursor';
import { addNote, archiveContact, createContact, deleteNote, editNote, reactivateContact, updateContact } from './domain/contact.decide';
import { ContactError } from './domain/contact.error';
import { ContactState, evolveContact, initialContactState, notesOf } from './domain/contact.state';
import { CreateContactDto } from './dto/create-contact.dto';
import { ListContactsQuery } from './dto/list-contacts.query';
import { ListNotesQuery } from './dto/list-notes.query';
import { UpdateContactDto } from './dto/update-contact.dto';

// DTO instances carry every declared field, unset ones as undefined; a change names only what was sent
// (an undefined stored in an event would come back as null and erase the value).
const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Command handlers and queries of the Contact aggregate. */
@Injectable()
export class ContactService {
  private readonly repo: AggregateRepository<ContactState>;
  // Commands on one contact run one after the other in this process, so each decides on the state
  // the previous one left: parallel notes or edits all land instead of answering 409 (as billing
  // does for a client account). Across processes the append's version check still decides.
  private readonly queue = new KeyedLock();

  constructor(store: EventStore, @Inject(MONGO_DB) db: Db, private readonly list: ContactListProjection, private readonly claims: EmailClaimRepository) {
    this.repo = new AggregateRepository<ContactState>(store, db, { type: 'Contact', initial: initialContactState, evolve: evolveContact });
  }

  async create(t: TenantContext, dto: CreateContactDto, source: 'api' | 'import' = 'api', id: string = randomUUID()): Promise<ContactView> {
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
    const view = await this.run(t, id, (s) => createContact(s, profile, source));
    // An import holds the claim already; a contact from the API takes it if it is free.
    if (source === 'api' && view.email) await this.claims.claimIfFree(t.tenantId, view.email, view.id);
    return view;
  }

  async update(t: TenantContext, id: string, dto: UpdateContactDto, ifMatch?: number): Promise<ContactView> {
    const changes: ContactProfileChanges = {};
    for (const k of ['name', 'email', 'companyName', 'phone'] as const) if (dto[k] !== undefined) changes[k] = dto[k] as never;
    if (dto.color !== undefined) changes.color = dto.color ? dto.color.toUpperCase() : null;
    if (dto.billing) {
      const { address, ...rest } = dto.billing;
      changes.billing = { ...definedOnly(rest), ...(address ? { address: definedOnly(address) } : {}) } as ContactProfileChanges['billing'];
    }
    const view = await this.run(t, id, (s, version) => {
      if (ifMatch !== undefined && ifMatch !== version) {
        throw new ContactError('VERSION_CONFLICT', `contact is at version ${version}, not ${ifMatch}`);
      }
      return updateContact(s, changes);
    }, ifMatch === undefined ? 3 : 0);
    if (changes.email && view.email) await this.claims.claimIfFree(t.tenantId, view.email, view.id);
    return view;
  }

  archive(t: TenantContext, id: string): Promise<ContactView> {
    return this.run(t, id, archiveContact, 3);
  }

  reactivate(t: TenantContext, id: string): Promise<ContactView> {
    return this.run(t, id, reactivateContact, 3);
  }

  async get(t: TenantContext, id: string): Promise<ContactView> {
    const contact = await this.find(t, id);
    if (!contact) throw AppError.notFound('contact');
    return contact;
  }

  /** The contact as the event store has it now, or null when it does not exist (yet). */
  async find(t: TenantContext, id: string): Promise<ContactView | null> {
    const { state, version } = await this.repo.load(t.tenantId, id);
    return state.exists ? toContactView(state, version) : null;
  }

  private async loadExisting(t: TenantContext, id: string): Promise<ContactState> {
    const { state } = await this.repo.load(t.tenantId, id);
    if (!state.exists) throw AppError.notFound('contact');
    return state;
  }

  private noteOf(state: ContactState, noteId: string): NoteView {
    const note = notesOf(state).find((n) => n.id === noteId);
    if (!note) throw AppError.notFound('note');
    return toNoteView(note);
  }

  search(t: TenantContext, q: ListContactsQuery): Promise<ContactPage> {
    return this.list.list(t.tenantId, { status: q.status ?? 'active', q: q.q, sort: q.sort ?? 'name', limit: q.limit ?? 50, cursor: q.cursor });
  }

  /** Every contact of the tenant, all statuses, oldest first. */
  all(t: TenantContext): AsyncGenerator<ContactView> {
    return this.list.all(t.tenantId);
  }

  async addNote(t: TenantContext, id: string, body: string): Promise<NoteView> {
    const noteId = randomUUID();
    const { state } = await this.execute(t, id, (s) => addNote(s, noteId, body));
    return this.noteOf(state, noteId);
  }

  async editNote(t: TenantContext, id: string, noteId: string, body: string): Promise<NoteView> {
    const { state } = await this.execute(t, id, (s) => editNote(s, noteId, body), 3);
    return this.noteOf(state, noteId);
  }

  async deleteNote(t: TenantContext, id: string, noteId: string): Promise<void> {
    await this.execute(t, id, (s) => deleteNote(s, noteId), 3);
  }

  async getNote(t: TenantContext, id: string, noteId: string): Promise<NoteView> {
    return this.noteOf(await this.loadExisting(t, id), noteId);
  }

  /** Newest first; the cursor is the position of the last note given, so deletions and additions never shift a page. */
  async listNotes(t: TenantContext, id: string, q: ListNotesQuery): Promise<NotePage> {
    const state = await this.loadExisting(t, id);
    const limit = q.limit ?? 50;
    const after = decodeCursor<[number]>(q.cursor, ['number']);
    const newestFirst = [...notesOf(state)].reverse().filter((n) => !after || n.seq < after[0]);
    const page = newestFirst.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toNoteView), nextCursor: newestFirst.length > limit && last ? encodeCursor([last.seq]) : null };
  }

  emailExists(t: TenantContext, email: string): Promise<boolean> {
    return this.list.emailExists(t.tenantId, email);
  }

  private async run(t: TenantContext, id: string, decide: (s: ContactState, version: number) => NewEvent[], retries = 0): Promise<ContactView> {
    const { state, version } = await this.execute(t, id, decide, retries);
    return toContactView(state, version);
  }

  /** Appends the decision's events, then brings the list up to date (the catch-up consumer covers a crash in between). */
  private execute(t: TenantContext, id: string, decide: (s: ContactState, version: number) => NewEvent[], retries = 0): Promise<{ state: ContactState; version: number }> {
    return this.queue.run(`${t.tenantId}:${id}`, () => this.executeNow(t, id, decide, retries));
  }

  private async executeNow(t: TenantContext, id: string, decide: (s: ContactState, version: number) => NewEvent[], retries: number): Promise<{ state: ContactState; version: number }> {
    try {
      const { state, version } = await this.repo.execute(t.tenantId, id, ({ state, version }) => decide(state, version), {
        contactId: id, retriesOnConflict: retries,
        metadata: { correlationId: t.correlationId, causationId: null, actor: t.actor },
      });
      await this.list.save(t.tenantId, toContactView(state, version));
      return { state, version };
    } catch (e) {
      if (e instanceof ConcurrencyError) throw new AppError(409, 'VERSION_CONFLICT', 'The contact was changed by another request; reload it and try again');
      throw e;
    }
  }
}

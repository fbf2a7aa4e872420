import { Inject, Injectable } from '@nestjs/common';
import type { Db } from 'mongodb';
import { BillingTopicEvent, EventEnvelope } from '@carnet/events';
import { AggregateRepository, ConcurrencyError, EventStore, isStoreUnavailable, KeyedLock, Loaded } from '@carnet/eventstore';
import { AppError, TenantContext } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { DocumentNumberAllocator, HeldNumber, NumberKind } from '../numbering/document-number.allocator';
import { AccountDocumentsProjection, touchedDocuments } from './account-documents.projection';
import { ClientAccountNewEvent, ClientAccountState, evolveClientAccount, initialClientAccountState } from './domain';

/** Conflicts with another process re-decide on fresh state this many times before a 409. */
const RETRIES = 8;

type Decide = (state: ClientAccountState) => ClientAccountNewEvent[];

/**
 * Runs decisions against one client's ClientAccount: loads it, appends the decision's commit and
 * rewrites the views it touched. Shared by the invoice, payment, credit, rate and quote handlers.
 */
@Injectable()
export class ClientAccountRunner {
  private readonly repo: AggregateRepository<ClientAccountState>;
  private readonly lock = new KeyedLock();

  constructor(
    store: EventStore,
    @Inject(MONGO_DB) db: Db,
    private readonly documents: AccountDocumentsProjection,
    private readonly numbers: DocumentNumberAllocator,
  ) {
    this.repo = new AggregateRepository<ClientAccountState>(store, db, {
      type: 'ClientAccount', initial: initialClientAccountState, evolve: (s, e) => evolveClientAccount(s, e as BillingTopicEvent),
    });
  }

  async load(tenantId: string, contactId: string): Promise<ClientAccountState> {
    return (await this.repo.load(tenantId, contactId)).state;
  }

  /** Runs `work` alone among this process's commands on the same account (see KeyedLock). */
  exclusive<T>(tenantId: string, contactId: string, work: () => Promise<T>): Promise<T> {
    return this.lock.run(`${tenantId}:${contactId}`, work);
  }

  /** Decides on the current state without writing: throws what the command would be refused with. */
  async check(tenantId: string, contactId: string, decide: Decide): Promise<void> {
    decide(await this.load(tenantId, contactId));
  }

  /** Decides and appends (re-deciding after a lost race), then rewrites the touched views. */
  async run(t: TenantContext, contactId: string, decide: Decide, now?: Date): Promise<Loaded<ClientAccountState>> {
    try {
      const r = await this.repo.execute(t.tenantId, contactId, ({ state }) => decide(state), {
        contactId, retriesOnConflict: RETRIES, now,
        metadata: { correlationId: t.correlationId, causationId: null, actor: t.actor },
      });
      try {
        await this.documents.save(t.tenantId, r.state, r.version, touchedDocuments(r.events));
      } catch (e) {
        // The commit is stored: answering 503 would tell the client it was not. The catch-up
        // consumer rewrites these views from the commit's events once the database is back.
        if (!isStoreUnavailable(e)) throw e;
      }
      return r;
    } catch (e) {
      if (e instanceof ConcurrencyError) throw new AppError(409, 'VERSION_CONFLICT', 'Too many simultaneous changes to this client account; try again');
      throw e;
    }
  }

  /**
   * Takes the next number of `kind` for `ownerId` and runs `use` with it; a number whose `use`
   * failed goes back to the sequence unless the account carries it. Callers check the command
   * first, inside `exclusive`, so `use` is refused only when the database fails or another process
   * changed the account meanwhile.
   */
  withNumber<T>(tenantId: string, contactId: string, kind: NumberKind, ownerId: string, use: (number: string) => Promise<T>): Promise<T> {
    return this.numbers.withNumber({ tenantId, kind, ownerId, contactId }, use, (held) => this.numberUsed(held));
  }

  /** True when the owner of a held number carries it in its client account (sent, or recorded). */
  async numberUsed(held: HeldNumber): Promise<boolean> {
    const state = await this.load(held.tenantId, held.contactId);
    switch (held.kind) {
      case 'INV': return state.invoices[held.ownerId]?.number === held.number;
      case 'QUO': return state.quotes[held.ownerId]?.number === held.number;
      case 'REC': return state.payments[held.ownerId]?.receiptNumber === held.number;
    }
  }

  /** Rewrites the views of what a commit touched; used by the catch-up consumer. */
  async project(tenantId: string, contactId: string, events: EventEnvelope[]): Promise<void> {
    const { state, version } = await this.repo.load(tenantId, contactId);
    await this.documents.save(tenantId, state, version, touchedDocuments(events));
  }
}

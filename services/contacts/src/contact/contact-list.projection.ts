import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Collection, Db, Filter } from 'mongodb';
import { ensureQueryIndex, insertAllNew, RecentMap, retryTransientWrite, upsertIfNewer } from '@carnet/eventstore';
import { MONGO_DB } from '@carnet/messaging';
import { ContactView, searchKey } from './contact.view';
import { decodeCursor, encodeCursor } from './page-cursor';

interface ContactListDocument {
  _id: string;
  tenantId: string;
  id: string;
  version: number;
  status: 'active' | 'archived';
  nameKey: string;
  emailKey: string | null;
  searchText: string;
  createdAt: string;
  view: ContactView;
}

export interface ContactPage {
  items: ContactView[];
  nextCursor: string | null;
}

export interface ListOptions {
  status: 'active' | 'archived' | 'all';
  q?: string;
  sort: 'name' | '-name' | 'createdAt' | '-createdAt';
  limit: number;
  cursor?: string;
}

const listDocument = (tenantId: string, view: ContactView): ContactListDocument => ({
  _id: `${tenantId}:${view.id}`, tenantId, id: view.id, version: view.version, status: view.status,
  nameKey: searchKey(view.name), emailKey: view.email ? view.email.toLowerCase() : null,
  searchText: [view.name, view.email, view.companyName].map(searchKey).join('\n'),
  createdAt: view.createdAt, view,
});

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The contacts list and email index: one document per contact, written after each command and
 * again from contacts.events, both guarded by version so order and repeats do not matter.
 */
// Versions this process listed, so its own catch-up consumer skips them without a read.
const MAX_REMEMBERED = 50_000;

@Injectable()
export class ContactListProjection implements OnModuleInit {
  private readonly docs: Collection<ContactListDocument>;
  private readonly written = new RecentMap<string, number>(MAX_REMEMBERED);

  constructor(@Inject(MONGO_DB) private readonly db: Db) {
    this.docs = db.collection<ContactListDocument>('contact_list');
  }

  async onModuleInit(): Promise<void> {
    await ensureQueryIndex(this.db, this.docs, { tenantId: 1, status: 1, nameKey: 1, id: 1 });
    await ensureQueryIndex(this.db, this.docs, { tenantId: 1, status: 1, createdAt: 1, id: 1 });
    await ensureQueryIndex(this.db, this.docs, { tenantId: 1, emailKey: 1 });
  }

  async save(tenantId: string, view: ContactView): Promise<void> {
    await upsertIfNewer(this.docs, listDocument(tenantId, view));
    this.remember(tenantId, view.id, view.version);
  }

  /** True when this process listed the contact at `version` or later: the catch-up has nothing to do. */
  listed(tenantId: string, contactId: string, version: number): boolean {
    return (this.written.get(`${tenantId}:${contactId}`) ?? 0) >= version;
  }

  private remember(tenantId: string, contactId: string, version: number): void {
    const key = `${tenantId}:${contactId}`;
    if ((this.written.get(key) ?? 0) >= version) return;
    this.written.set(key, version);
  }

  /**
   * Lists new contacts with one insertMany (bulk imports). A document already there came from the
   * catch-up consumer at the same version or later, so it is kept.
   */
  async insertNew(tenantId: string, views: ContactView[]): Promise<void> {
    if (views.length === 0) return;
    await retryTransientWrite(() => insertAllNew(this.docs, views.map((v) => listDocument(tenantId, v))));
    for (const v of views) this.remember(tenantId, v.id, v.version);
  }

  async emailExists(tenantId: string, email: string): Promise<boolean> {
    return (await this.docs.countDocuments({ tenantId, emailKey: email.toLowerCase() }, { limit: 1 })) > 0;
  }

  /** Every contact of the tenant, all statuses, oldest first, read in batches. */
  async *all(tenantId: string): AsyncGenerator<ContactView> {
    for await (const doc of this.docs.find({ tenantId }).sort({ createdAt: 1, id: 1 }).batchSize(500)) yield doc.view;
  }

  async list(tenantId: string, o: ListOptions): Promise<ContactPage> {
    const field = o.sort.endsWith('name') ? 'nameKey' : 'createdAt';
    const dir = o.sort.startsWith('-') ? -1 : 1;
    const filter: Filter<ContactListDocument> = { tenantId };
    if (o.status !== 'all') filter.status = o.status;
    if (o.q && o.q.trim()) filter.searchText = { $regex: escapeRegex(searchKey(o.q.trim())) };
    const after = decodeCursor<[string, string]>(o.cursor, ['string', 'string']);
    if (after) {
      const cmp = dir === 1 ? '$gt' : '$lt';
      filter.$or = [{ [field]: { [cmp]: after[0] } }, { [field]: after[0], id: { [cmp]: after[1] } }] as Filter<ContactListDocument>['$or'];
    }
    const rows = await this.docs.find(filter).sort({ [field]: dir, id: dir }).limit(o.limit + 1).toArray();
    const page = rows.slice(0, o.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => r.view),
      nextCursor: rows.length > o.limit && last ? encodeCursor([field === 'nameKey' ? last.nameKey : last.createdAt, last.id]) : null,
    };
  }
}

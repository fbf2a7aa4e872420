import type { Collection, Db } from 'mongodb';
import { ActiveClientMember } from '../domain';

/**
 * The active clients of one tenant in one fiscal year, precomputed: the count is a key lookup.
 * Only years with at least one member have a document, so the collection is a pure function of
 * the invoices and the tenant's calendar, whatever order the events came in.
 */
export interface ActiveClientYear {
  _id: string;
  tenantId: string;
  fiscalYear: number;
  /** Contact id → the invoice that made it active. */
  members: Record<string, ActiveClientMember>;
  count: number;
  rev: number;
}

const isDuplicate = (e: unknown) => (e as { code?: number }).code === 11000;
const sameMember = (a: ActiveClientMember | undefined, b: ActiveClientMember | null) =>
  (a === undefined && b === null) || (a !== undefined && b !== null && a.invoiceId === b.invoiceId && a.invoiceNumber === b.invoiceNumber && a.sentAt === b.sentAt);

export class ActiveClientsRepository {
  private readonly docs: Collection<ActiveClientYear>;

  constructor(db: Db, collectionName: string) {
    this.docs = db.collection<ActiveClientYear>(collectionName);
  }

  async ensureIndexes(): Promise<void> {
    await this.docs.createIndex({ tenantId: 1, fiscalYear: 1 });
  }

  find(tenantId: string, fiscalYear: number): Promise<ActiveClientYear | null> {
    return this.docs.findOne({ _id: `${tenantId}:${fiscalYear}` });
  }

  /** Makes `contactId` a member of the year with `member`, or no member when null. */
  async setMember(tenantId: string, fiscalYear: number, contactId: string, member: ActiveClientMember | null): Promise<void> {
    await this.change(tenantId, fiscalYear, (members) => {
      if (sameMember(members[contactId], member)) return null;
      const { [contactId]: _previous, ...others } = members;
      return member ? { ...others, [contactId]: member } : others;
    });
  }

  /** Replaces every year of the tenant, after its calendar changed. */
  async replaceTenant(tenantId: string, years: ReadonlyMap<number, ReadonlyMap<string, ActiveClientMember>>): Promise<void> {
    const existing = await this.docs.find({ tenantId }, { projection: { fiscalYear: 1 } }).toArray();
    const fiscalYears = new Set([...existing.map((d) => d.fiscalYear), ...years.keys()]);
    for (const fy of fiscalYears) {
      const wanted = Object.fromEntries(years.get(fy) ?? []);
      await this.change(tenantId, fy, (members) => (sameMembers(members, wanted) ? null : wanted));
    }
  }

  // Read-modify-write guarded by a revision; an empty year is deleted.
  private async change(tenantId: string, fiscalYear: number, next: (members: Record<string, ActiveClientMember>) => Record<string, ActiveClientMember> | null): Promise<void> {
    const _id = `${tenantId}:${fiscalYear}`;
    for (;;) {
      const doc = await this.docs.findOne({ _id });
      const members = next(doc?.members ?? {});
      if (members === null) return;
      const count = Object.keys(members).length;
      if (!doc) {
        if (count === 0) return;
        try {
          await this.docs.insertOne({ _id, tenantId, fiscalYear, members, count, rev: 1 });
          return;
        } catch (e) {
          if (isDuplicate(e)) continue;
          throw e;
        }
      }
      const done = count === 0
        ? (await this.docs.deleteOne({ _id, rev: doc.rev })).deletedCount === 1
        : (await this.docs.replaceOne({ _id, rev: doc.rev }, { tenantId, fiscalYear, members, count, rev: doc.rev + 1 })).matchedCount === 1;
      if (done) return;
    }
  }
}

function sameMembers(a: Record<string, ActiveClientMember>, b: Record<string, ActiveClientMember>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => sameMember(a[k], b[k] ?? null));
}

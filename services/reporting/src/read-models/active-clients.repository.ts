import type { Collection, Db } from 'mongodb';
import { ensureQueryIndex } from '@carnet/eventstore';
import { ActiveClientMember, ListedMember, listMembers } from '../domain';
import { TallyKey, TallyRepository } from './tally.repository';

/** One active client of one tenant in one fiscal year, with the invoice that made it active. */
export interface ActiveClientMemberDocument extends ActiveClientMember {
  _id: string;
  tenantId: string;
  fiscalYear: number;
  contactId: string;
}

const sameMember = (a: ActiveClientMember | null, b: ActiveClientMember | null) =>
  a === b || (a !== null && b !== null && a.invoiceId === b.invoiceId && a.invoiceNumber === b.invoiceNumber && a.sentAt === b.sentAt);

/**
 * The active clients of each tenant and fiscal year, precomputed: one member document per
 * tenant, year and contact, and a count tally per tenant and year, so the count is a key lookup
 * of a small document and the members are read only when they are listed. Only members and
 * non-zero counts are stored: both are a pure function of the invoices and the tenant's calendar.
 */
export class ActiveClientsRepository {
  private readonly members: Collection<ActiveClientMemberDocument>;
  private readonly counts: TallyRepository;

  constructor(private readonly db: Db, membersCollection: string, countsCollection: string) {
    this.members = db.collection<ActiveClientMemberDocument>(membersCollection);
    this.counts = new TallyRepository(db, countsCollection);
  }

  async ensureIndexes(): Promise<void> {
    await ensureQueryIndex(this.db, this.members, { tenantId: 1, fiscalYear: 1 });
    await this.counts.ensureIndexes();
  }

  count(tenantId: string, fiscalYear: number): Promise<number> {
    return this.counts.value(countKey(tenantId, fiscalYear)._id);
  }

  /** Every member of the year, listed as the API shows them. */
  async list(tenantId: string, fiscalYear: number): Promise<ListedMember[]> {
    const docs = await this.members.find({ tenantId, fiscalYear }).toArray();
    return listMembers(docs.map((d) => ({ contactId: d.contactId, invoiceId: d.invoiceId, invoiceNumber: d.invoiceNumber, sentAt: d.sentAt })));
  }

  /** Makes `contactId` a member of the year with `member`, or no member when null. */
  async setMember(tenantId: string, fiscalYear: number, contactId: string, member: ActiveClientMember | null): Promise<void> {
    const _id = memberId(tenantId, fiscalYear, contactId);
    const doc = await this.members.findOne({ _id });
    const stored = doc ? { invoiceId: doc.invoiceId, invoiceNumber: doc.invoiceNumber, sentAt: doc.sentAt } : null;
    const key = countKey(tenantId, fiscalYear);
    const held = await this.counts.hold(key, contactId, stored ? 1 : 0, member ? 1 : 0);
    if (!sameMember(stored, member)) await this.writeMember(_id, tenantId, fiscalYear, contactId, member);
    if (held) await this.counts.release(key, contactId);
  }

  /** Replaces every year of the tenant, after its calendar changed. */
  async replaceTenant(tenantId: string, years: ReadonlyMap<number, ReadonlyMap<string, ActiveClientMember>>): Promise<void> {
    const existing = new Map((await this.members.find({ tenantId }).toArray()).map((d) => [d._id, d]));
    const wanted = new Map<string, { fiscalYear: number; contactId: string; member: ActiveClientMember }>();
    for (const [fiscalYear, members] of years) {
      for (const [contactId, member] of members) wanted.set(memberId(tenantId, fiscalYear, contactId), { fiscalYear, contactId, member });
    }
    for (const [_id, d] of existing) {
      if (!wanted.has(_id)) await this.writeMember(_id, tenantId, d.fiscalYear, d.contactId, null);
    }
    for (const [_id, w] of wanted) {
      const d = existing.get(_id);
      if (!d || !sameMember(d, w.member)) await this.writeMember(_id, tenantId, w.fiscalYear, w.contactId, w.member);
    }
    const counts = new Map([...years].filter(([, m]) => m.size > 0).map(([fy, m]) => {
      const key = countKey(tenantId, fy);
      return [key._id, { ...key, value: m.size }] as const;
    }));
    await this.counts.replaceTenant(tenantId, counts);
  }

  // Only _id filters: on FerretDB any other filter makes a write scan the whole collection.
  private async writeMember(_id: string, tenantId: string, fiscalYear: number, contactId: string, member: ActiveClientMember | null): Promise<void> {
    if (!member) {
      await this.members.deleteOne({ _id });
      return;
    }
    const doc = { tenantId, fiscalYear, contactId, invoiceId: member.invoiceId, invoiceNumber: member.invoiceNumber, sentAt: member.sentAt };
    await this.members.replaceOne({ _id }, doc, { upsert: true });
  }
}

const memberId = (tenantId: string, fiscalYear: number, contactId: string) => `${tenantId}:${fiscalYear}:${contactId}`;
const countKey = (tenantId: string, fiscalYear: number): TallyKey => ({ _id: `${tenantId}:${fiscalYear}`, tenantId, fiscalYear });

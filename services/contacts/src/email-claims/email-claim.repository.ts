import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { duplicateKeyIndexes, isDuplicateKey, retryTransientWrite } from '@carnet/eventstore';
import { MONGO_DB } from '@carnet/messaging';
import { EmailClaim, emailClaimId } from './email-claim.decide';


/** One email to claim for one contact. */
export interface ClaimRequest {
  email: string;
  contactId: string;
}

/** Marks a tenant whose contacts from before claims were kept on API writes all have their claim. */
interface BackfillMark {
  _id: string;
  at: Date;
}

/**
 * Claims on emails (`contact_emails`), so an import knows which emails exist with one lookup by
 * `_id` per row. Imports take them before they create a contact: only an insert under a unique key
 * is exclusive on FerretDB (a conditional update is not), so two imports of the same address race
 * on the insert and exactly one wins.
 * - A creation that fails releases its claim; one lost by a crash is taken over after the lease.
 * - A contact created or given an email through the API claims it if it is free (API.md lets those
 *   duplicate an email, so it never waits for it). A claim whose contact no longer has the address
 *   is taken over by the next import that needs it, so a stale claim never blocks an import.
 */
@Injectable()
export class EmailClaimRepository {
  private readonly claims: Collection<EmailClaim>;
  private readonly backfills: Collection<BackfillMark>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.claims = db.collection<EmailClaim>('contact_emails');
    this.backfills = db.collection<BackfillMark>('contact_emails_backfills');
  }

  /**
   * Claims the email of a contact written through the API, unless another claim holds it. It never
   * fails the write it follows: if the claim cannot be stored, the tenant's backfill is marked
   * undone, so the next import claims every contact's email again before it reads a row.
   */
  async claimIfFree(tenantId: string, email: string, contactId: string, now = new Date()): Promise<void> {
    try {
      await this.claims.insertOne({ _id: emailClaimId(tenantId, email), tenantId, contactId, claimedAt: now });
    } catch (e) {
      if (isDuplicateKey(e)) return;
      await this.backfills.deleteOne({ _id: tenantId }).catch(() => undefined);
    }
  }

  /**
   * `claimExisting` once per tenant: contacts written through the API since claim their own email
   * (claimIfFree), so later imports do not read the whole contact list again.
   */
  async claimExistingOnce(tenantId: string, contacts: () => AsyncIterable<{ id: string; email: string | null; createdAt: string }>): Promise<void> {
    if (await this.backfills.findOne({ _id: tenantId })) return;
    await this.claimExisting(tenantId, contacts());
    await this.backfills.insertOne({ _id: tenantId, at: new Date() }).catch((e: unknown) => {
      if (!isDuplicateKey(e)) throw e;
    });
  }

  /** Null when the claim is now this contact's; else the claim that holds the email. */
  async claim(tenantId: string, email: string, contactId: string, now = new Date()): Promise<EmailClaim | null> {
    const claim: EmailClaim = { _id: emailClaimId(tenantId, email), tenantId, contactId, claimedAt: now };
    // A holder released between our insert and our read: try again (twice is plenty).
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.claims.insertOne(claim);
        return null;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
      const held = await this.claims.findOne({ _id: claim._id });
      if (held) return held.contactId === contactId ? null : held;
    }
    throw new Error(`email claim ${claim._id} kept changing hands`);
  }

  /**
   * Claims a batch of emails with one insertMany (each insert is still exclusive on its own).
   * Returns the positions of the requests whose email another claim already holds.
   */
  async claimMany(tenantId: string, requests: ClaimRequest[], now = new Date()): Promise<Set<number>> {
    if (requests.length === 0) return new Set();
    const claims = requests.map((r): EmailClaim => ({ _id: emailClaimId(tenantId, r.email), tenantId, contactId: r.contactId, claimedAt: now }));
    // A retry after a busy server may find claims its first try stored: `claim` then sees they are this contact's own.
    try {
      await retryTransientWrite(() => this.claims.insertMany(claims, { ordered: false }));
      return new Set();
    } catch (e) {
      return duplicateKeyIndexes(e);
    }
  }

  /**
   * Gives a claim to every contact that has an email and no claim on it: contacts created or
   * given their email through the API, which does not claim. Then the claims alone tell an import
   * which emails exist, with no query per row. Existing claims are left as they are.
   */
  async claimExisting(tenantId: string, contacts: AsyncIterable<{ id: string; email: string | null; createdAt: string }>, batchSize = 1000): Promise<void> {
    let batch: EmailClaim[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await retryTransientWrite(() => this.claims.insertMany(batch, { ordered: false })).catch(duplicateKeyIndexes);
      batch = [];
    };
    for await (const c of contacts) {
      if (!c.email) continue;
      batch.push({ _id: emailClaimId(tenantId, c.email), tenantId, contactId: c.id, claimedAt: new Date(c.createdAt) });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  }

  /** Frees a claim, only if it is still the given contact's. */
  async release(claim: Pick<EmailClaim, '_id' | 'contactId'>): Promise<void> {
    await this.claims.deleteOne({ _id: claim._id, contactId: claim.contactId });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { MONGO_DB } from '@carnet/messaging';
import { EmailClaim, emailClaimId } from './email-claim.decide';

const isDuplicateKey = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: number }).code === 11000;

/**
 * Claims on emails taken by imports before they create a contact (`contact_emails`). Only an insert
 * under a unique key is exclusive on FerretDB (a conditional update is not), so two imports of
 * the same address race on the insert and exactly one wins.
 * - A creation that fails releases its claim; one lost by a crash is taken over after the lease.
 * - Claims are not moved when a contact's email is edited or when the API creates contacts (API.md
 *   lets those duplicate an email): a claim whose contact no longer has the address is taken over
 *   by the next import that needs it, so a stale claim never blocks an import.
 */
@Injectable()
export class EmailClaimRepository {
  private readonly claims: Collection<EmailClaim>;

  constructor(@Inject(MONGO_DB) db: Db) {
    this.claims = db.collection<EmailClaim>('contact_emails');
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
      if (held) return held;
    }
    throw new Error(`email claim ${claim._id} kept changing hands`);
  }

  /** Frees a claim, only if it is still the given contact's. */
  async release(claim: Pick<EmailClaim, '_id' | 'contactId'>): Promise<void> {
    await this.claims.deleteOne({ _id: claim._id, contactId: claim.contactId });
  }
}

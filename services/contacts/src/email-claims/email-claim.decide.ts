// Pure rules of the email claims that keep concurrent imports from creating the same contact twice.

/** A claim older than this whose contact never appeared was left by a failed creation: it may be taken over. */
export const EMAIL_CLAIM_LEASE_MS = 5 * 60_000;

export interface EmailClaim {
  /** `${tenantId}|${email in lower case}`: the unique key is what makes a claim exclusive. */
  _id: string;
  tenantId: string;
  contactId: string;
  claimedAt: Date;
}

/** The contact a claim names, as the event store has it now (null: not created, or not yet). */
export interface ClaimHolder {
  email: string | null;
}

export const emailClaimId = (tenantId: string, email: string) => `${tenantId}|${email.toLowerCase()}`;

/**
 * Another claim holds the email: the row is a duplicate while that claim stands for a contact that
 * has the email, or for one still being created (within the lease). A claim whose contact changed
 * its email since, or whose creation failed long ago, stands for nothing: it is taken over.
 */
export function decideHeldClaim(claim: EmailClaim, holder: ClaimHolder | null, email: string, now: Date): 'duplicate' | 'take-over' {
  if (holder) return holder.email?.toLowerCase() === email.toLowerCase() ? 'duplicate' : 'take-over';
  return now.getTime() - claim.claimedAt.getTime() < EMAIL_CLAIM_LEASE_MS ? 'duplicate' : 'take-over';
}

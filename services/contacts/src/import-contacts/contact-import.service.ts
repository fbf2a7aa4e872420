import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, TenantContext } from '@carnet/http';
import { isCurrencyCode } from '@carnet/money';
import { ContactService } from '../contact/contact.service';
import { ImportedContact, ImportFormatError, ImportIssue, parseContactImport } from '../import';
import { decideHeldClaim, emailClaimId } from './email-claim.decide';
import { EmailClaimRepository } from './email-claim.repository';

export interface ImportReport {
  created: number;
  skipped: Array<{ line: number; reason: string }>;
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Turns an export from another tool into contacts; an existing email is skipped, never duplicated,
 * even by two imports running at once (each email is claimed before its contact is created).
 */
@Injectable()
export class ContactImportService {
  constructor(private readonly contacts: ContactService, private readonly claims: EmailClaimRepository) {}

  async import(t: TenantContext, body: Buffer, contentType?: string): Promise<ImportReport> {
    let parsed;
    try {
      parsed = parseContactImport(body, contentType);
    } catch (e) {
      if (e instanceof ImportFormatError) throw new AppError(422, 'IMPORT_UNREADABLE', e.message);
      throw e;
    }
    const report: ImportReport = { created: 0, skipped: [], warnings: [...parsed.warnings], errors: [...parsed.errors] };
    const seen = new Set<string>();
    for (const c of parsed.contacts) {
      const email = c.email && EMAIL.test(c.email) ? c.email : null;
      if (c.email && !email) report.warnings.push({ line: c.line, message: `email "${c.email}" is not a valid address and was left out` });
      const id = randomUUID();
      if (email) {
        const key = email.toLowerCase();
        if (seen.has(key) || (await this.contacts.emailExists(t, email)) || !(await this.claim(t, email, id))) {
          report.skipped.push({ line: c.line, reason: `a contact with email ${email} already exists` });
          continue;
        }
        seen.add(key);
      }
      await this.create(t, c, email, id);
      report.created++;
    }
    return report;
  }

  /** True once the email is this new contact's to take; false when another contact has it. */
  private async claim(t: TenantContext, email: string, contactId: string): Promise<boolean> {
    // Each round either wins the claim, finds a live holder, or removes a stale one: two rounds
    // settle it unless other imports keep racing for the address, which makes it theirs anyway.
    for (let round = 0; round < 3; round++) {
      const held = await this.claims.claim(t.tenantId, email, contactId);
      if (!held) return true;
      const holder = await this.contacts.find(t, held.contactId);
      if (decideHeldClaim(held, holder, email, new Date()) === 'duplicate') return false;
      await this.claims.release(held);
    }
    return false;
  }

  private async create(t: TenantContext, c: ImportedContact, email: string | null, id: string): Promise<void> {
    const currency = c.currency && isCurrencyCode(c.currency) ? c.currency : undefined;
    try {
      await this.contacts.create(t, {
        name: [...c.name].slice(0, 200).join(''), email, companyName: c.companyName, phone: c.phone, color: c.color,
        billing: {
          address: c.address, currency, language: c.language ?? undefined,
          paymentMethod: c.paymentMethod, paymentTermsDays: c.paymentTermsDays ?? undefined,
        },
      }, 'import', id);
    } catch (e) {
      // Nothing was created: the address is free again for the next import.
      if (email) await this.claims.release({ _id: emailClaimId(t.tenantId, email), contactId: id }).catch(() => undefined);
      throw e;
    }
  }
}

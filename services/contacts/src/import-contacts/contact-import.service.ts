import { Injectable } from '@nestjs/common';
import { AppError, TenantContext } from '@carnet/http';
import { isCurrencyCode } from '@carnet/money';
import { ContactService } from '../contact/contact.service';
import { ImportFormatError, ImportIssue, parseContactImport } from '../import';

export interface ImportReport {
  created: number;
  skipped: Array<{ line: number; reason: string }>;
  warnings: ImportIssue[];
  errors: ImportIssue[];
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Turns an export from another tool into contacts; an existing email is skipped, never duplicated. */
@Injectable()
export class ContactImportService {
  constructor(private readonly contacts: ContactService) {}

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
      if (email) {
        const key = email.toLowerCase();
        if (seen.has(key) || (await this.contacts.emailExists(t, email))) {
          report.skipped.push({ line: c.line, reason: `a contact with email ${email} already exists` });
          continue;
        }
        seen.add(key);
      }
      const currency = c.currency && isCurrencyCode(c.currency) ? c.currency : undefined;
      await this.contacts.create(t, {
        name: [...c.name].slice(0, 200).join(''), email, companyName: c.companyName, phone: c.phone, color: c.color,
        billing: {
          address: c.address, currency, language: c.language ?? undefined,
          paymentMethod: c.paymentMethod, paymentTermsDays: c.paymentTermsDays ?? undefined,
        },
      }, 'import');
      report.created++;
    }
    return report;
  }
}

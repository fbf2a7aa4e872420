import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { TenantContext } from '@carnet/http';
import { ContactService } from '../contact/contact.service';
import { writeContactsCsv } from '../export/contacts-csv.writer';
import { writeContactsVCard } from '../export/contacts-vcard.writer';

export interface ContactExport {
  contentType: string;
  filename: string;
  chunks: AsyncGenerator<string>;
}

/** Every contact of the tenant (all statuses) as a file the contact import reads back. */
@Injectable()
export class ContactExportService {
  constructor(private readonly contacts: ContactService) {}

  export(t: TenantContext, format: 'csv' | 'vcf', now = new Date()): ContactExport {
    // The file is named after the day it was made in the tenant's calendar.
    const day = DateTime.fromJSDate(now, { zone: t.timezone }).toISODate();
    const all = this.contacts.all(t);
    return format === 'csv'
      ? { contentType: 'text/csv; charset=utf-8', filename: `contacts-${day}.csv`, chunks: writeContactsCsv(all) }
      : { contentType: 'text/vcard; charset=utf-8', filename: `contacts-${day}.vcf`, chunks: writeContactsVCard(all) };
  }
}

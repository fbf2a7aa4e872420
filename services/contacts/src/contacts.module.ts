import { Module } from '@nestjs/common';
import { TOPICS } from '@carnet/events';
import { healthController, loadBaseConfig } from '@carnet/http';
import { EventSourcingModule } from '@carnet/messaging';
import { ContactListCatchUp } from './contact/contact-list.catch-up';
import { ContactListProjection } from './contact/contact-list.projection';
import { ContactService } from './contact/contact.service';
import { ContactNotesHttpController } from './contact/contact-notes.http.controller';
import { ContactsHttpController } from './contact/contacts.http.controller';
import { ContactExportService } from './export-contacts/contact-export.service';
import { IMPORT_CONTACTS_PROVIDERS } from './import-contacts';

export const config = loadBaseConfig('contacts', 3001);

@Module({
  imports: [EventSourcingModule.forRoot({ service: 'contacts', topic: TOPICS.contacts, ...config })],
  controllers: [healthController('contacts'), ContactsHttpController, ContactNotesHttpController],
  providers: [ContactService, ContactListProjection, ...IMPORT_CONTACTS_PROVIDERS, ContactExportService, ContactListCatchUp],
})
export class ContactsModule {}

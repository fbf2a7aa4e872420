import { Injectable } from '@nestjs/common';
import { EventStore } from '@carnet/eventstore';
import type { TenantContext } from '@carnet/http';
import { ContactListProjection } from '../contact/contact-list.projection';
import { toContactView } from '../contact/contact.view';
import { importContact } from '../contact/domain/contact.decide';
import { evolveContact, initialContactState } from '../contact/domain/contact.state';
import type { NewContact } from './import-batch.decide';

/**
 * Creates a batch of new contacts with a few bulk writes instead of several writes per contact:
 * their ContactCreated commits with EventStore.appendNew, then their list documents in one
 * insertMany. If the process dies in between, the relay's outbox scan publishes the commits and
 * the list's catch-up consumer lists them.
 */
@Injectable()
export class ImportedContactsWriter {
  constructor(private readonly store: EventStore, private readonly list: ContactListProjection) {}

  async write(t: TenantContext, contacts: NewContact[], now = new Date()): Promise<void> {
    if (contacts.length === 0) return;
    const metadata = { correlationId: t.correlationId, causationId: null, actor: t.actor };
    const commits = await this.store.appendNew(contacts.map((c) => ({
      tenantId: t.tenantId, aggregateType: 'Contact', aggregateId: c.id, expectedVersion: 0, contactId: c.id,
      // The domain decides the events, as for a contact created through the API.
      events: importContact(initialContactState(c.id), c.profile, c.archived), metadata, now,
    })));
    await this.list.insertNew(t.tenantId, commits.map((commit) => toContactView(commit.events.reduce(evolveContact, initialContactState(commit.aggregateId)), commit.lastVersion)));
  }
}

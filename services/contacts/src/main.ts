import 'reflect-metadata';
import { AppError, runService } from '@carnet/http';
import { ContactError, CONTACT_ERROR_STATUS } from './contact/domain/contact.error';
import { config, ContactsModule } from './contacts.module';

const mapContactError = (e: unknown) => (e instanceof ContactError ? new AppError(CONTACT_ERROR_STATUS[e.code], e.code, e.message) : null);

// API.md: contacts are archived, never deleted. Left without a route, DELETE gets a 405 whose
// Allow header lists what the contact does accept; this gives it its reason.
const refusedMethods = [{
  method: 'DELETE', path: /^\/v1\/contacts\/[^/]+\/?$/,
  message: 'Contacts are never deleted: archive it with POST /v1/contacts/{id}/archive (it can be reactivated later)',
}];

runService(ContactsModule, {
  name: 'contacts', port: config.port, host: config.host, internalSecret: config.internalSecret,
  errorMappers: [mapContactError], refusedMethods,
});

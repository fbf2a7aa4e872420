import 'reflect-metadata';
import { AppError, runService } from '@carnet/http';
import { ContactError, CONTACT_ERROR_STATUS } from './contact/domain/contact.error';
import { config, ContactsModule } from './contacts.module';

const mapContactError = (e: unknown) => (e instanceof ContactError ? new AppError(CONTACT_ERROR_STATUS[e.code], e.code, e.message) : null);

runService(ContactsModule, { name: 'contacts', port: config.port, host: config.host, internalSecret: config.internalSecret, errorMappers: [mapContactError] });

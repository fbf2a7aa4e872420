import { Module } from '@nestjs/common';
import { TOPICS } from '@carnet/events';
import { healthController, loadBaseConfig } from '@carnet/http';
import { EventSourcingModule } from '@carnet/messaging';
import { AccountDocumentsCatchUp } from './account/account-documents.catch-up';
import { AccountDocumentsProjection } from './account/account-documents.projection';
import { ClientAccountService } from './account/client-account.service';
import { CreditsHttpController } from './account/credits.http.controller';
import { InvoicesHttpController } from './account/invoices.http.controller';
import { PaymentsHttpController } from './account/payments.http.controller';
import { KnownContactsProjection } from './known-contacts/known-contacts.projection';
import { DocumentNumberAllocator } from './numbering/document-number.allocator';
import { TaxesHttpController } from './taxes/taxes.http.controller';
import { TenantTaxesService } from './taxes/tenant-taxes.service';

export const config = loadBaseConfig('billing', 3002);

@Module({
  imports: [EventSourcingModule.forRoot({ service: 'billing', topic: TOPICS.billing, ...config })],
  controllers: [healthController('billing'), InvoicesHttpController, PaymentsHttpController, CreditsHttpController, TaxesHttpController],
  providers: [ClientAccountService, AccountDocumentsProjection, AccountDocumentsCatchUp, KnownContactsProjection, DocumentNumberAllocator, TenantTaxesService],
})
export class BillingModule {}

import { Module } from '@nestjs/common';
import { TOPICS } from '@carnet/events';
import { healthController, loadBaseConfig } from '@carnet/http';
import { EventSourcingModule } from '@carnet/messaging';
import { AccountDocumentsCatchUp } from './account/account-documents.catch-up';
import { AccountDocumentsProjection } from './account/account-documents.projection';
import { ClientAccountRunner } from './account/client-account.runner';
import { ClientAccountService } from './account/client-account.service';
import { ClientRatesHttpController } from './account/client-rates.http.controller';
import { ClientRatesService } from './account/client-rates.service';
import { CreditsHttpController } from './account/credits.http.controller';
import { DocumentPricing } from './account/document-pricing';
import { InvoicesHttpController } from './account/invoices.http.controller';
import { PaymentsHttpController } from './account/payments.http.controller';
import { QuotesHttpController } from './account/quotes.http.controller';
import { QuotesService } from './account/quotes.service';
import { UnusedNumbersRelease } from './account/unused-numbers.release';
import { ItemsHttpController } from './items/items.http.controller';
import { ItemsProjection } from './items/items.projection';
import { ItemsService } from './items/items.service';
import { KnownContactsConsumer } from './known-contacts/known-contacts.consumer';
import { KnownContactsProjection } from './known-contacts/known-contacts.projection';
import { DocumentNumberAllocator } from './numbering/document-number.allocator';
import { TaxesHttpController } from './taxes/taxes.http.controller';
import { TenantTaxesService } from './taxes/tenant-taxes.service';

export const config = loadBaseConfig('billing', 3002);

@Module({
  imports: [EventSourcingModule.forRoot({ service: 'billing', topic: TOPICS.billing, ...config })],
  controllers: [
    healthController('billing'), InvoicesHttpController, PaymentsHttpController, CreditsHttpController, TaxesHttpController,
    ItemsHttpController, ClientRatesHttpController, QuotesHttpController,
  ],
  providers: [
    ClientAccountRunner, ClientAccountService, ClientRatesService, QuotesService, DocumentPricing,
    AccountDocumentsProjection, AccountDocumentsCatchUp, KnownContactsProjection, KnownContactsConsumer,
    DocumentNumberAllocator, UnusedNumbersRelease, TenantTaxesService, ItemsService, ItemsProjection,
  ],
})
export class BillingModule {}

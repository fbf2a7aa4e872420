import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, TenantContext } from '@carnet/http';
import { KnownContactsProjection } from '../known-contacts/known-contacts.projection';
import { AccountDocumentsProjection, Page } from './account-documents.projection';
import { ClientAccountRunner } from './client-account.runner';
import { DocumentPricing } from './document-pricing';
import {
  acceptQuote, convertQuote, createQuote, declineQuote, InvoiceView, QuoteView, sendQuote, toInvoiceView, toQuoteView,
} from './domain';
import { CreateQuoteDto } from './dto/create-quote.dto';
import { ListQuotesQuery } from './dto/list-quotes.query';
import { AcceptQuoteDto, DeclineQuoteDto, SendQuoteDto } from './dto/quote-answer.dto';

/** Command and query handlers for quotes, which live in the client's ClientAccount. */
@Injectable()
export class QuotesService {
  constructor(
    private readonly accounts: ClientAccountRunner,
    private readonly contacts: KnownContactsProjection,
    private readonly pricing: DocumentPricing,
    private readonly documents: AccountDocumentsProjection,
  ) {}

  async create(t: TenantContext, dto: CreateQuoteDto): Promise<QuoteView> {
    const contact = await this.contacts.require(t, dto.contactId, { mustBeActive: true });
    const currency = dto.currency ?? contact.currency;
    const input = this.pricing.parse(currency, dto);
    const context = await this.pricing.context(t, input.lines);
    const quoteId = randomUUID();
    const now = new Date();
    const command = {
      quoteId, currency, exchangeRate: input.exchangeRate ?? null, dueDate: dto.dueDate ?? null, validUntil: dto.validUntil ?? null, lines: input.lines ?? [],
    };
    return this.accounts.exclusive(t.tenantId, dto.contactId, async () => {
      // Refused requests write nothing, not even the id reservation.
      await this.accounts.check(t.tenantId, dto.contactId, (s) => createQuote(s, command, context));
      await this.documents.reserve(t.tenantId, 'quote', quoteId, dto.contactId, now.toISOString());
      const r = await this.accounts.run(t, dto.contactId, (s) => createQuote(s, command, context), now);
      return toQuoteView(r.state, quoteId, t.tenantId);
    });
  }

  async send(t: TenantContext, quoteId: string, dto: SendQuoteDto): Promise<QuoteView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'quote', quoteId);
    await this.contacts.require(t, contactId, { mustBeActive: true });
    const sentAt = dto.sentAt ?? new Date().toISOString();
    return this.accounts.exclusive(t.tenantId, contactId, async () => {
      // Decide once before taking a number, so a refused send never consumes one.
      await this.accounts.check(t.tenantId, contactId, (s) => sendQuote(s, { quoteId, number: 'QUO-000000', sentAt }));
      const r = await this.accounts.withNumber(t.tenantId, contactId, 'QUO', quoteId, (number) =>
        this.accounts.run(t, contactId, (s) => sendQuote(s, { quoteId, number, sentAt })));
      return toQuoteView(r.state, quoteId, t.tenantId);
    });
  }

  async accept(t: TenantContext, quoteId: string, dto: AcceptQuoteDto): Promise<QuoteView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'quote', quoteId);
    const acceptedAt = dto.acceptedAt ?? new Date().toISOString();
    const r = await this.accounts.exclusive(t.tenantId, contactId, () =>
      this.accounts.run(t, contactId, (s) => acceptQuote(s, { quoteId, acceptedAt }, { timezone: t.timezone })));
    return toQuoteView(r.state, quoteId, t.tenantId);
  }

  async decline(t: TenantContext, quoteId: string, dto: DeclineQuoteDto): Promise<QuoteView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'quote', quoteId);
    const command = { quoteId, declinedAt: dto.declinedAt ?? new Date().toISOString(), reason: dto.reason ?? null };
    const r = await this.accounts.exclusive(t.tenantId, contactId, () => this.accounts.run(t, contactId, (s) => declineQuote(s, command)));
    return toQuoteView(r.state, quoteId, t.tenantId);
  }

  /** The new draft invoice. */
  async convert(t: TenantContext, quoteId: string): Promise<InvoiceView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'quote', quoteId);
    // Converting invoices the client: refused while the contact is archived, like any invoice.
    await this.contacts.require(t, contactId, { mustBeActive: true });
    const invoiceId = randomUUID();
    const now = new Date();
    const command = { quoteId, invoiceId, convertedAt: now.toISOString() };
    return this.accounts.exclusive(t.tenantId, contactId, async () => {
      await this.accounts.check(t.tenantId, contactId, (s) => convertQuote(s, command));
      await this.documents.reserve(t.tenantId, 'invoice', invoiceId, contactId, now.toISOString());
      const r = await this.accounts.run(t, contactId, (s) => convertQuote(s, command), now);
      return toInvoiceView(r.state, invoiceId, t.tenantId);
    });
  }

  async get(t: TenantContext, quoteId: string): Promise<QuoteView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'quote', quoteId);
    const state = await this.accounts.load(t.tenantId, contactId);
    if (!state.quotes[quoteId]) throw AppError.notFound('quote');
    return toQuoteView(state, quoteId, t.tenantId);
  }

  list(t: TenantContext, q: ListQuotesQuery): Promise<Page<QuoteView>> {
    return this.documents.list<QuoteView>(t.tenantId, 'quote', q);
  }
}

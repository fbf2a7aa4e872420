import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { BillingEvent, EventEnvelope, NewEvent } from '@carnet/events';
import { AggregateRepository, ConcurrencyError, EventStore, Loaded } from '@carnet/eventstore';
import { AppError, TenantContext } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { InvalidNumberError, parseExchangeRate, parseMoney, parseQuantity } from '@carnet/money';
import { KnownContactsProjection } from '../known-contacts/known-contacts.projection';
import { DocumentNumberAllocator } from '../numbering/document-number.allocator';
import { TenantTaxesService } from '../taxes/tenant-taxes.service';
import { AccountDocumentsProjection, Page, touchedDocuments } from './account-documents.projection';
import {
  applyCredit, ClientAccountState, createInvoice, evolveClientAccount, grantCredit, initialClientAccountState,
  InvoiceLineInput, InvoiceView, recordPayment, sendInvoice, toInvoiceView, updateInvoice, voidInvoice,
} from './domain';
import { CreateInvoiceDto } from './dto/create-invoice.dto';
import { ApplyCreditDto, GrantCreditDto } from './dto/credit.dto';
import { InvoiceLineDto } from './dto/invoice-line.dto';
import { ListInvoicesQuery, ListReceiptsQuery } from './dto/list-documents.query';
import { RecordInvoicePaymentDto, RecordPaymentDto } from './dto/record-payment.dto';
import { SendInvoiceDto } from './dto/send-invoice.dto';
import { UpdateInvoiceDto } from './dto/update-invoice.dto';
import { ReceiptView, toReceiptView } from './receipt.view';
import { CreditView, toCreditViews } from './credit.view';

/** Concurrent commands on one client's account re-decide on fresh state instead of failing. */
const RETRIES = 8;

/** Parses a number field, turning a refusal into a 422 that names the field. */
function parsed<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof InvalidNumberError) throw AppError.invalid([{ field, message: `${field}: ${e.message}` }]);
    throw e;
  }
}

/** Command handlers of the ClientAccount aggregate: one client's invoices, payments and credits. */
@Injectable()
export class ClientAccountService {
  private readonly repo: AggregateRepository<ClientAccountState>;

  constructor(
    store: EventStore,
    @Inject(MONGO_DB) db: Db,
    private readonly contacts: KnownContactsProjection,
    private readonly taxes: TenantTaxesService,
    private readonly numbers: DocumentNumberAllocator,
    private readonly documents: AccountDocumentsProjection,
  ) {
    this.repo = new AggregateRepository<ClientAccountState>(store, db, {
      type: 'ClientAccount', initial: initialClientAccountState, evolve: (s, e) => evolveClientAccount(s, e as BillingEvent),
    });
  }

  async createInvoice(t: TenantContext, dto: CreateInvoiceDto): Promise<InvoiceView> {
    const contact = await this.contacts.require(t.tenantId, dto.contactId, { mustBeActive: true });
    const currency = dto.currency ?? contact.currency;
    const lines = this.lines(dto.lines, currency);
    const exchangeRate = dto.exchangeRate === undefined ? null : parsed('exchangeRate', () => parseExchangeRate(dto.exchangeRate));
    const taxes = await this.taxes.list(t.tenantId);
    const invoiceId = randomUUID();
    const now = new Date();
    await this.documents.reserveInvoice(t.tenantId, invoiceId, dto.contactId, now.toISOString());
    const r = await this.run(t, dto.contactId, ({ state }) => createInvoice(state, { invoiceId, currency, exchangeRate, dueDate: dto.dueDate ?? null, lines }, { taxes, homeCurrency: t.homeCurrency }), now);
    return toInvoiceView(r.state, invoiceId, t.tenantId);
  }

  async updateInvoice(t: TenantContext, invoiceId: string, dto: UpdateInvoiceDto): Promise<InvoiceView> {
    const contactId = await this.documents.contactOfInvoice(t.tenantId, invoiceId);
    const taxes = await this.taxes.list(t.tenantId);
    const current = await this.repo.load(t.tenantId, contactId);
    const currency = dto.currency ?? current.state.invoices[invoiceId]?.content.currency;
    if (!currency) throw AppError.notFound('invoice');
    const lines = dto.lines ? this.lines(dto.lines, currency) : undefined;
    const exchangeRate = dto.exchangeRate === undefined ? undefined : dto.exchangeRate === null ? null : parsed('exchangeRate', () => parseExchangeRate(dto.exchangeRate));
    const r = await this.run(t, contactId, ({ state }) => updateInvoice(state, { invoiceId, currency: dto.currency, exchangeRate, dueDate: dto.dueDate, lines }, { taxes, homeCurrency: t.homeCurrency }));
    return toInvoiceView(r.state, invoiceId, t.tenantId);
  }

  async sendInvoice(t: TenantContext, invoiceId: string, dto: SendInvoiceDto): Promise<InvoiceView> {
    const contactId = await this.documents.contactOfInvoice(t.tenantId, invoiceId);
    const contact = await this.contacts.require(t.tenantId, contactId, { mustBeActive: true });
    const sentAt = dto.sentAt ?? new Date().toISOString();
    const ctx = { timezone: t.timezone, paymentTermsDays: contact.paymentTermsDays };
    // Decide once before taking a number, so a refused send never consumes one.
    const before = await this.repo.load(t.tenantId, contactId);
    sendInvoice(before.state, { invoiceId, number: 'INV-000000', sentAt }, ctx);
    const number = await this.numbers.allocate(t.tenantId, 'INV', invoiceId);
    const r = await this.run(t, contactId, ({ state }) => sendInvoice(state, { invoiceId, number, sentAt }, ctx));
    return toInvoiceView(r.state, invoiceId, t.tenantId);
  }

  async voidInvoice(t: TenantContext, invoiceId: string): Promise<InvoiceView> {
    const contactId = await this.documents.contactOfInvoice(t.tenantId, invoiceId);
    const r = await this.run(t, contactId, ({ state }) => voidInvoice(state, { invoiceId, voidedAt: new Date().toISOString() }));
    return toInvoiceView(r.state, invoiceId, t.tenantId);
  }

  async getInvoice(t: TenantContext, invoiceId: string): Promise<InvoiceView> {
    const contactId = await this.documents.contactOfInvoice(t.tenantId, invoiceId);
    const { state } = await this.repo.load(t.tenantId, contactId);
    if (!state.invoices[invoiceId]) throw AppError.notFound('invoice');
    return toInvoiceView(state, invoiceId, t.tenantId);
  }

  listInvoices(t: TenantContext, q: ListInvoicesQuery): Promise<Page<InvoiceView>> {
    return this.documents.list<InvoiceView>(t.tenantId, 'invoice', q);
  }

  listReceipts(t: TenantContext, q: ListReceiptsQuery): Promise<Page<ReceiptView>> {
    return this.documents.list<ReceiptView>(t.tenantId, 'receipt', q);
  }

  async payInvoice(t: TenantContext, invoiceId: string, dto: RecordInvoicePaymentDto): Promise<ReceiptView> {
    const contactId = await this.documents.contactOfInvoice(t.tenantId, invoiceId);
    const { state } = await this.repo.load(t.tenantId, contactId);
    const invoice = state.invoices[invoiceId];
    if (!invoice) throw AppError.notFound('invoice');
    const amount = parsed('amount', () => parseMoney(dto.amount, invoice.content.currency, { allowZero: false }));
    return this.recordPayment(t, contactId, invoice.content.currency, dto, [{ invoiceId, amount }], amount);
  }

  async payInvoices(t: TenantContext, dto: RecordPaymentDto): Promise<ReceiptView> {
    await this.contacts.require(t.tenantId, dto.contactId, { mustBeActive: false });
    const { state } = await this.repo.load(t.tenantId, dto.contactId);
    const first = state.invoices[dto.allocations[0]!.invoiceId];
    if (!first) throw AppError.invalid([{ field: 'allocations[0].invoiceId', message: 'no such invoice for this contact' }]);
    const currency = first.content.currency;
    const amount = parsed('amount', () => parseMoney(dto.amount, currency, { allowZero: false }));
    const allocations = dto.allocations.map((a, i) => ({
      invoiceId: a.invoiceId,
      amount: parsed(`allocations[${i}].amount`, () => parseMoney(a.amount, currency, { allowZero: false })),
    }));
    return this.recordPayment(t, dto.contactId, currency, dto, allocations, amount);
  }

  private async recordPayment(
    t: TenantContext, contactId: string, currency: string, dto: RecordInvoicePaymentDto,
    allocations: Array<{ invoiceId: string; amount: number }>, amount: number,
  ): Promise<ReceiptView> {
    const paymentId = randomUUID();
    const cmd = { paymentId, currency, amount, paidAt: new Date(dto.paidAt).toISOString(), method: dto.method, reference: dto.reference ?? null, allocations };
    const before = await this.repo.load(t.tenantId, contactId);
    recordPayment(before.state, { ...cmd, receiptNumber: 'REC-000000' });
    const receiptNumber = await this.numbers.allocate(t.tenantId, 'REC', paymentId);
    const r = await this.run(t, contactId, ({ state }) => recordPayment(state, { ...cmd, receiptNumber }));
    return toReceiptView(contactId, r.state.payments[paymentId]!);
  }

  async grantCredit(t: TenantContext, contactId: string, dto: GrantCreditDto): Promise<CreditView> {
    const contact = await this.contacts.require(t.tenantId, contactId, { mustBeActive: false });
    const amount = parsed('amount', () => parseMoney(dto.amount, contact.currency, { allowZero: false }));
    const creditId = randomUUID();
    const grantedAt = dto.grantedAt ? new Date(dto.grantedAt).toISOString() : new Date().toISOString();
    const r = await this.run(t, contactId, ({ state }) => grantCredit(state, { creditId, currency: contact.currency, amount, reason: dto.reason ?? null, grantedAt }));
    return toCreditViews(r.state).find((c) => c.id === creditId)!;
  }

  async listCredits(t: TenantContext, contactId: string): Promise<Page<CreditView>> {
    await this.contacts.require(t.tenantId, contactId, { mustBeActive: false });
    const { state } = await this.repo.load(t.tenantId, contactId);
    return { items: toCreditViews(state), nextCursor: null };
  }

  async applyCredit(t: TenantContext, invoiceId: string, dto: ApplyCreditDto): Promise<InvoiceView> {
    const contactId = await this.documents.contactOfInvoice(t.tenantId, invoiceId);
    const { state } = await this.repo.load(t.tenantId, contactId);
    const invoice = state.invoices[invoiceId];
    if (!invoice) throw AppError.notFound('invoice');
    const amount = parsed('amount', () => parseMoney(dto.amount, invoice.content.currency, { allowZero: false }));
    const r = await this.run(t, contactId, ({ state: s }) => applyCredit(s, { invoiceId, amount, appliedAt: new Date().toISOString() }));
    return toInvoiceView(r.state, invoiceId, t.tenantId);
  }

  /** Rebuilds the views of what a commit touched; used after commands and by the catch-up consumer. */
  async project(tenantId: string, contactId: string, events: EventEnvelope[]): Promise<void> {
    const { state, version } = await this.repo.load(tenantId, contactId);
    await this.documents.save(tenantId, state, version, touchedDocuments(events));
  }

  private lines(dtos: InvoiceLineDto[], currency: string): InvoiceLineInput[] {
    return dtos.map((l, i) => {
      if (l.unitPrice === undefined) {
        throw AppError.invalid([{ field: `lines[${i}].unitPrice`, message: 'unitPrice is required (item prices are not available yet)' }]);
      }
      return {
        itemId: l.itemId ?? null,
        description: l.description,
        quantity: parsed(`lines[${i}].quantity`, () => parseQuantity(l.quantity)),
        unitPrice: parsed(`lines[${i}].unitPrice`, () => parseMoney(l.unitPrice, currency)),
        taxCodes: l.taxCodes ?? [],
      };
    });
  }

  private async run(t: TenantContext, contactId: string, decide: (s: Loaded<ClientAccountState>) => NewEvent[], now?: Date) {
    try {
      const r = await this.repo.execute(t.tenantId, contactId, decide, {
        contactId, retriesOnConflict: RETRIES, now,
        metadata: { correlationId: t.correlationId, causationId: null, actor: t.actor },
      });
      await this.documents.save(t.tenantId, r.state, r.version, touchedDocuments(r.events));
      return r;
    } catch (e) {
      if (e instanceof ConcurrencyError) throw new AppError(409, 'VERSION_CONFLICT', 'Too many simultaneous changes to this client account; try again');
      throw e;
    }
  }
}

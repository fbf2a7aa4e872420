import { Injectable } from '@nestjs/common';
import { AppError, resourceId, TenantContext } from '@carnet/http';
import { parseMoney } from '@carnet/money';
import { KnownContactsProjection } from '../known-contacts/known-contacts.projection';
import { parsedField } from '../shared/parsed-field';
import { AccountDocumentsProjection, Page } from './account-documents.projection';
import { ClientAccountRunner } from './client-account.runner';
import { CreditView, toCreditViews } from './credit.view';
import { DocumentPricing } from './document-pricing';
import {
  BillingError,
  applyCredit, createInvoice, grantCredit, InvoiceView, recordPayment, sendInvoice, toInvoiceView, updateInvoice, voidInvoice,
} from './domain';
import { CreateInvoiceDto } from './dto/create-invoice.dto';
import { ApplyCreditDto, GrantCreditDto } from './dto/credit.dto';
import { ListInvoicesQuery, ListReceiptsQuery } from './dto/list-documents.query';
import { RecordInvoicePaymentDto, RecordPaymentDto } from './dto/record-payment.dto';
import { SendInvoiceDto } from './dto/send-invoice.dto';
import { UpdateInvoiceDto } from './dto/update-invoice.dto';
import { ReceiptView, toReceiptView } from './receipt.view';

/** Command handlers of the ClientAccount aggregate for invoices, payments and credits. */
@Injectable()
export class ClientAccountService {
  constructor(
    private readonly accounts: ClientAccountRunner,
    private readonly contacts: KnownContactsProjection,
    private readonly pricing: DocumentPricing,
    private readonly documents: AccountDocumentsProjection,
  ) {}

  async createInvoice(t: TenantContext, dto: CreateInvoiceDto, idempotencyKey?: string): Promise<InvoiceView> {
    const contact = await this.contacts.require(t, dto.contactId, { mustBeActive: true });
    const currency = dto.currency ?? contact.currency;
    const input = this.pricing.parse(currency, dto);
    const context = await this.pricing.context(t, input.lines);
    const invoiceId = resourceId(t.tenantId, idempotencyKey, 'invoice');
    const now = new Date();
    return this.accounts.exclusive(t.tenantId, dto.contactId, async () => {
      // A retry of a request that was stored before its answer was lost: answer with what it made.
      const stored = await this.accounts.load(t.tenantId, dto.contactId);
      if (stored.invoices[invoiceId]) return toInvoiceView(stored, invoiceId, t.tenantId);
      const command = { invoiceId, currency, exchangeRate: input.exchangeRate ?? null, dueDate: dto.dueDate ?? null, lines: input.lines ?? [] };
      // Refused requests write nothing, not even the id reservation.
      await this.accounts.check(t.tenantId, dto.contactId, (s) => createInvoice(s, command, context));
      await this.documents.reserve(t.tenantId, 'invoice', invoiceId, dto.contactId, now.toISOString());
      const r = await this.accounts.run(t, dto.contactId, (s) => createInvoice(s, command, context), now);
      return toInvoiceView(r.state, invoiceId, t.tenantId);
    });
  }

  async updateInvoice(t: TenantContext, invoiceId: string, dto: UpdateInvoiceDto, ifMatch?: number): Promise<InvoiceView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'invoice', invoiceId);
    const current = await this.accounts.load(t.tenantId, contactId);
    const currency = dto.currency ?? current.invoices[invoiceId]?.content.currency;
    if (!currency) throw AppError.notFound('invoice');
    const input = this.pricing.parse(currency, dto);
    const context = await this.pricing.context(t, input.lines);
    const command = { invoiceId, currency: dto.currency, exchangeRate: input.exchangeRate, dueDate: dto.dueDate, lines: input.lines };
    const r = await this.accounts.exclusive(t.tenantId, contactId, () => this.accounts.run(t, contactId, (s) => {
      const version = s.invoices[invoiceId]?.version;
      if (ifMatch !== undefined && version !== undefined && version !== ifMatch) {
        throw new AppError(409, 'VERSION_CONFLICT', `the invoice is at version ${version}, not ${ifMatch}; reload it and try again`);
      }
      return updateInvoice(s, command, context);
    }));
    return toInvoiceView(r.state, invoiceId, t.tenantId);
  }

  async sendInvoice(t: TenantContext, invoiceId: string, dto: SendInvoiceDto): Promise<InvoiceView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'invoice', invoiceId);
    const contact = await this.contacts.require(t, contactId, { mustBeActive: true });
    const sentAt = dto.sentAt ?? new Date().toISOString();
    const ctx = { timezone: t.timezone, paymentTermsDays: contact.paymentTermsDays };
    return this.accounts.exclusive(t.tenantId, contactId, async () => {
      // Decide once before taking a number, so a refused send never consumes one.
      await this.accounts.check(t.tenantId, contactId, (s) => sendInvoice(s, { invoiceId, number: 'INV-000000', sentAt }, ctx));
      const r = await this.accounts.withNumber(t.tenantId, contactId, 'INV', invoiceId, (number) =>
        this.accounts.run(t, contactId, (s) => sendInvoice(s, { invoiceId, number, sentAt }, ctx)));
      return toInvoiceView(r.state, invoiceId, t.tenantId);
    });
  }

  async voidInvoice(t: TenantContext, invoiceId: string): Promise<InvoiceView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'invoice', invoiceId);
    const voidedAt = new Date().toISOString();
    const r = await this.accounts.exclusive(t.tenantId, contactId, () => this.accounts.run(t, contactId, (s) => voidInvoice(s, { invoiceId, voidedAt })));
    return toInvoiceView(r.state, invoiceId, t.tenantId);
  }

  async getInvoice(t: TenantContext, invoiceId: string): Promise<InvoiceView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'invoice', invoiceId);
    const state = await this.accounts.load(t.tenantId, contactId);
    if (!state.invoices[invoiceId]) throw AppError.notFound('invoice');
    return toInvoiceView(state, invoiceId, t.tenantId);
  }

  listInvoices(t: TenantContext, q: ListInvoicesQuery): Promise<Page<InvoiceView>> {
    return this.documents.list<InvoiceView>(t.tenantId, 'invoice', q);
  }

  listReceipts(t: TenantContext, q: ListReceiptsQuery): Promise<Page<ReceiptView>> {
    return this.documents.list<ReceiptView>(t.tenantId, 'receipt', q);
  }

  async payInvoice(t: TenantContext, invoiceId: string, dto: RecordInvoicePaymentDto, idempotencyKey?: string): Promise<ReceiptView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'invoice', invoiceId);
    const state = await this.accounts.load(t.tenantId, contactId);
    const invoice = state.invoices[invoiceId];
    if (!invoice) throw AppError.notFound('invoice');
    const amount = parsedField('amount', () => parseMoney(dto.amount, invoice.content.currency, { allowZero: false }));
    try {
      return await this.recordPayment(t, contactId, invoice.content.currency, dto, [{ invoiceId, amount }], amount, idempotencyKey);
    } catch (e) {
      // This body has no allocations: its one allocation is its amount, its invoice the one in the path.
      if (!(e instanceof BillingError) || !e.field?.startsWith('allocations[0]')) throw e;
      throw new BillingError(e.code, e.message, e.field === 'allocations[0].amount' ? 'amount' : undefined);
    }
  }

  async payInvoices(t: TenantContext, dto: RecordPaymentDto, idempotencyKey?: string): Promise<ReceiptView> {
    await this.contacts.require(t, dto.contactId, { mustBeActive: false });
    const state = await this.accounts.load(t.tenantId, dto.contactId);
    const first = state.invoices[dto.allocations[0]!.invoiceId];
    if (!first) throw AppError.invalid([{ field: 'allocations[0].invoiceId', message: 'no such invoice for this contact' }]);
    const currency = first.content.currency;
    const amount = parsedField('amount', () => parseMoney(dto.amount, currency, { allowZero: false }));
    const allocations = dto.allocations.map((a, i) => ({
      invoiceId: a.invoiceId,
      amount: parsedField(`allocations[${i}].amount`, () => parseMoney(a.amount, currency, { allowZero: false })),
    }));
    return this.recordPayment(t, dto.contactId, currency, dto, allocations, amount, idempotencyKey);
  }

  private recordPayment(
    t: TenantContext, contactId: string, currency: string, dto: RecordInvoicePaymentDto,
    allocations: Array<{ invoiceId: string; amount: number }>, amount: number, idempotencyKey?: string,
  ): Promise<ReceiptView> {
    const paymentId = resourceId(t.tenantId, idempotencyKey, 'payment');
    const cmd = { paymentId, currency, amount, paidAt: new Date(dto.paidAt).toISOString(), method: dto.method, reference: dto.reference ?? null, allocations };
    return this.accounts.exclusive(t.tenantId, contactId, async () => {
      // A retry of a payment that was stored before its answer was lost gets the same receipt.
      const stored = (await this.accounts.load(t.tenantId, contactId)).payments[paymentId];
      if (stored) return toReceiptView(contactId, stored);
      // Checked before taking a receipt number, so a refused payment never consumes one.
      await this.accounts.check(t.tenantId, contactId, (s) => recordPayment(s, { ...cmd, receiptNumber: 'REC-000000' }));
      const r = await this.accounts.withNumber(t.tenantId, contactId, 'REC', paymentId, (receiptNumber) =>
        this.accounts.run(t, contactId, (s) => recordPayment(s, { ...cmd, receiptNumber })));
      return toReceiptView(contactId, r.state.payments[paymentId]!);
    });
  }

  async grantCredit(t: TenantContext, contactId: string, dto: GrantCreditDto, idempotencyKey?: string): Promise<CreditView> {
    const contact = await this.contacts.require(t, contactId, { mustBeActive: false });
    const amount = parsedField('amount', () => parseMoney(dto.amount, contact.currency, { allowZero: false }));
    const creditId = resourceId(t.tenantId, idempotencyKey, 'credit');
    const grantedAt = dto.grantedAt ? new Date(dto.grantedAt).toISOString() : new Date().toISOString();
    const cmd = { creditId, currency: contact.currency, amount, reason: dto.reason ?? null, grantedAt };
    const state = await this.accounts.exclusive(t.tenantId, contactId, async () => {
      const stored = await this.accounts.load(t.tenantId, contactId);
      if (stored.credits[creditId]) return stored; // a retried grant: the one already made
      return (await this.accounts.run(t, contactId, (s) => grantCredit(s, cmd))).state;
    });
    return toCreditViews(state).find((c) => c.id === creditId)!;
  }

  async listCredits(t: TenantContext, contactId: string): Promise<Page<CreditView>> {
    await this.contacts.require(t, contactId, { mustBeActive: false });
    const state = await this.accounts.load(t.tenantId, contactId);
    return { items: toCreditViews(state), nextCursor: null };
  }

  async applyCredit(t: TenantContext, invoiceId: string, dto: ApplyCreditDto): Promise<InvoiceView> {
    const contactId = await this.documents.contactOf(t.tenantId, 'invoice', invoiceId);
    const state = await this.accounts.load(t.tenantId, contactId);
    const invoice = state.invoices[invoiceId];
    if (!invoice) throw AppError.notFound('invoice');
    const amount = parsedField('amount', () => parseMoney(dto.amount, invoice.content.currency, { allowZero: false }));
    const appliedAt = new Date().toISOString();
    const r = await this.accounts.exclusive(t.tenantId, contactId, () => this.accounts.run(t, contactId, (s) => applyCredit(s, { invoiceId, amount, appliedAt })));
    return toInvoiceView(r.state, invoiceId, t.tenantId);
  }
}

import { Body, Controller, Headers, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AppError, parseIfMatch, Tenant, TenantContext } from '@carnet/http';
import { ClientAccountService } from './client-account.service';
import { CreateInvoiceDto } from './dto/create-invoice.dto';
import { ApplyCreditDto } from './dto/credit.dto';
import { ListInvoicesQuery } from './dto/list-documents.query';
import { RecordInvoicePaymentDto } from './dto/record-payment.dto';
import { SendInvoiceDto } from './dto/send-invoice.dto';
import { UpdateInvoiceDto } from './dto/update-invoice.dto';

const InvoiceId = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('invoice') });

@Controller('v1/invoices')
export class InvoicesHttpController {
  constructor(private readonly accounts: ClientAccountService) {}

  @Post()
  create(@Tenant() t: TenantContext, @Body() dto: CreateInvoiceDto, @Headers('idempotency-key') key?: string) {
    return this.accounts.createInvoice(t, dto, key);
  }

  @Get()
  list(@Tenant() t: TenantContext, @Query() q: ListInvoicesQuery) {
    return this.accounts.listInvoices(t, q);
  }

  @Get(':id')
  get(@Tenant() t: TenantContext, @Param('id', InvoiceId) id: string) {
    return this.accounts.getInvoice(t, id);
  }

  @Patch(':id')
  update(@Tenant() t: TenantContext, @Param('id', InvoiceId) id: string, @Body() dto: UpdateInvoiceDto, @Headers('if-match') ifMatch?: string) {
    return this.accounts.updateInvoice(t, id, dto, parseIfMatch(ifMatch));
  }

  @Post(':id/send')
  @HttpCode(200)
  send(@Tenant() t: TenantContext, @Param('id', InvoiceId) id: string, @Body() dto: SendInvoiceDto) {
    return this.accounts.sendInvoice(t, id, dto);
  }

  @Post(':id/void')
  @HttpCode(200)
  void(@Tenant() t: TenantContext, @Param('id', InvoiceId) id: string) {
    return this.accounts.voidInvoice(t, id);
  }

  @Post(':id/payments')
  pay(@Tenant() t: TenantContext, @Param('id', InvoiceId) id: string, @Body() dto: RecordInvoicePaymentDto, @Headers('idempotency-key') key?: string) {
    return this.accounts.payInvoice(t, id, dto, key);
  }

  @Post(':id/apply-credit')
  @HttpCode(200)
  applyCredit(@Tenant() t: TenantContext, @Param('id', InvoiceId) id: string, @Body() dto: ApplyCreditDto) {
    return this.accounts.applyCredit(t, id, dto);
  }
}

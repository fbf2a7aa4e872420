import { Body, Controller, Get, Headers, Post, Query } from '@nestjs/common';
import { Tenant, TenantContext } from '@carnet/http';
import { ClientAccountService } from './client-account.service';
import { ListReceiptsQuery } from './dto/list-documents.query';
import { RecordPaymentDto } from './dto/record-payment.dto';

@Controller('v1')
export class PaymentsHttpController {
  constructor(private readonly accounts: ClientAccountService) {}

  @Post('payments')
  pay(@Tenant() t: TenantContext, @Body() dto: RecordPaymentDto, @Headers('idempotency-key') key?: string) {
    return this.accounts.payInvoices(t, dto, key);
  }

  @Get('receipts')
  receipts(@Tenant() t: TenantContext, @Query() q: ListReceiptsQuery) {
    return this.accounts.listReceipts(t, q);
  }
}

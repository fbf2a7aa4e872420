import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { AppError, Tenant, TenantContext } from '@carnet/http';
import { ClientAccountService } from './client-account.service';
import { GrantCreditDto } from './dto/credit.dto';

const ContactId = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('contact') });

@Controller('v1/contacts/:id/credits')
export class CreditsHttpController {
  constructor(private readonly accounts: ClientAccountService) {}

  @Post()
  grant(@Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Body() dto: GrantCreditDto, @Headers('idempotency-key') key?: string) {
    return this.accounts.grantCredit(t, id, dto, key);
  }

  @Get()
  list(@Tenant() t: TenantContext, @Param('id', ContactId) id: string) {
    return this.accounts.listCredits(t, id);
  }
}

import { Body, Controller, Get, Post } from '@nestjs/common';
import { Tenant, TenantContext } from '@carnet/http';
import { DefineTaxDto } from './define-tax.dto';
import { TenantTaxesService } from './tenant-taxes.service';

@Controller('v1/tenant/taxes')
export class TaxesHttpController {
  constructor(private readonly taxes: TenantTaxesService) {}

  @Post()
  define(@Tenant() t: TenantContext, @Body() dto: DefineTaxDto) {
    return this.taxes.define(t, dto);
  }

  @Get()
  async list(@Tenant() t: TenantContext) {
    return { items: await this.taxes.list(t.tenantId), nextCursor: null };
  }
}

import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { Tenant, TenantContext } from '@carnet/http';
import { DefineTaxDto } from './define-tax.dto';
import { TenantTaxesService } from './tenant-taxes.service';

@Controller('v1/tenant/taxes')
export class TaxesHttpController {
  constructor(private readonly taxes: TenantTaxesService) {}

  // 201 for a new code; 200 when the code existed (its new rate and name apply to new documents only).
  @Post()
  async define(@Tenant() t: TenantContext, @Body() dto: DefineTaxDto, @Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const { tax, existed } = await this.taxes.define(t, dto);
    res.status(existed ? 200 : 201);
    return tax;
  }

  @Get()
  async list(@Tenant() t: TenantContext) {
    return { items: await this.taxes.list(t.tenantId), nextCursor: null };
  }
}

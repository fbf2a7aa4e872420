import { Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { AppError } from '@carnet/http';
import { Authenticator } from '../auth/authenticator';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { RawJsonRequest, readJson } from '../json-body';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { UpdateTenantDto } from './dto/update-tenant.dto';
import { TenantService } from './tenant.service';

@Controller('v1')
export class TenantsHttpController {
  constructor(
    private readonly tenants: TenantService,
    private readonly auth: Authenticator,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('tenants')
  async create(@Req() req: RawJsonRequest, @Headers('x-admin-token') token?: string) {
    if (!token) throw new AppError(401, 'UNAUTHENTICATED', 'Creating a tenant needs the X-Admin-Token header');
    if (!Authenticator.adminTokenMatches(token, this.config.adminToken)) {
      throw new AppError(401, 'UNAUTHENTICATED', 'The X-Admin-Token is wrong: use the CARNET_ADMIN_TOKEN the gateway was started with');
    }
    const dto = await readJson(req, CreateTenantDto);
    return this.tenants.create({ ...dto }, 'admin');
  }

  @Get('tenant')
  async get(@Req() req: RawJsonRequest) {
    return (await this.auth.authenticate(req.headers)).tenant;
  }

  @Patch('tenant')
  async update(@Req() req: RawJsonRequest) {
    const { context } = await this.auth.authenticate(req.headers);
    const dto = await readJson(req, UpdateTenantDto);
    return this.tenants.update(context.tenantId, { ...dto }, context.actor, context.correlationId);
  }

  @Post('tenant/api-keys')
  async issueKey(@Req() req: RawJsonRequest) {
    const { context } = await this.auth.authenticate(req.headers);
    return this.tenants.issueKey(context.tenantId);
  }

  @Get('tenant/api-keys')
  async listKeys(@Req() req: RawJsonRequest) {
    const { context } = await this.auth.authenticate(req.headers);
    return { items: await this.tenants.listKeys(context.tenantId), nextCursor: null };
  }

  @Delete('tenant/api-keys/:id')
  @HttpCode(204)
  async revokeKey(@Req() req: RawJsonRequest, @Param('id') id: string) {
    const { context } = await this.auth.authenticate(req.headers);
    await this.tenants.revokeKey(context.tenantId, id);
  }
}

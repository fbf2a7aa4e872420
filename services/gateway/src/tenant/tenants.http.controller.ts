import { Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { AppError } from '@carnet/http';
import { Authenticator } from '../auth/authenticator';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { readJson } from '../json-body';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { UpdateTenantDto } from './dto/update-tenant.dto';
import { TenantService } from './tenant.service';

interface RawRequest {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

@Controller('v1')
export class TenantsHttpController {
  constructor(
    private readonly tenants: TenantService,
    private readonly auth: Authenticator,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post('tenants')
  async create(@Req() req: RawRequest, @Headers('x-admin-token') token?: string) {
    if (!Authenticator.adminTokenMatches(token, this.config.adminToken)) {
      throw new AppError(401, 'UNAUTHENTICATED', 'Creating a tenant needs the X-Admin-Token header');
    }
    const dto = await readJson(req.body, CreateTenantDto);
    return this.tenants.create({ ...dto }, 'admin');
  }

  @Get('tenant')
  async get(@Req() req: RawRequest) {
    return (await this.auth.authenticate(req.headers)).tenant;
  }

  @Patch('tenant')
  async update(@Req() req: RawRequest) {
    const { context } = await this.auth.authenticate(req.headers);
    const dto = await readJson(req.body, UpdateTenantDto);
    return this.tenants.update(context.tenantId, { ...dto }, context.actor, context.correlationId);
  }

  @Post('tenant/api-keys')
  async issueKey(@Req() req: RawRequest) {
    const { context } = await this.auth.authenticate(req.headers);
    return this.tenants.issueKey(context.tenantId);
  }

  @Get('tenant/api-keys')
  async listKeys(@Req() req: RawRequest) {
    const { context } = await this.auth.authenticate(req.headers);
    return { items: await this.tenants.listKeys(context.tenantId), nextCursor: null };
  }

  @Delete('tenant/api-keys/:id')
  @HttpCode(204)
  async revokeKey(@Req() req: RawRequest, @Param('id') id: string) {
    const { context } = await this.auth.authenticate(req.headers);
    await this.tenants.revokeKey(context.tenantId, id);
  }
}

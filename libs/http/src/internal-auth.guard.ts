import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CONTEXT_HEADER, SIGNATURE_HEADER, TenantContext, verifyTenantContext } from './tenant-context';

const PUBLIC = 'carnet:public';
/** Marks a route that needs no signed context (health checks). */
export const Public = () => SetMetadata(PUBLIC, true);

interface RequestWithTenant {
  headers: Record<string, string | string[] | undefined>;
  tenant?: TenantContext;
}

/** Services refuse any call the gateway did not sign. */
@Injectable()
export class InternalAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly secret: string) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<RequestWithTenant>();
    const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
    const ctx = verifyTenantContext(one(req.headers[CONTEXT_HEADER]), one(req.headers[SIGNATURE_HEADER]), this.secret);
    if (!ctx) throw new UnauthorizedException('internal call without a valid gateway signature');
    req.tenant = ctx;
    return true;
  }
}

/** The verified tenant context of the current internal call. */
export const Tenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantContext => {
  const tenant = ctx.switchToHttp().getRequest<RequestWithTenant>().tenant;
  if (!tenant) throw new UnauthorizedException('no tenant context');
  return tenant;
});

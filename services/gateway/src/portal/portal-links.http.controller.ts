import { Controller, Param, Post, Req } from '@nestjs/common';
import { Authenticator } from '../auth/authenticator';
import { RawJsonRequest, readJson } from '../json-body';
import { CreatePortalLinkDto, DEFAULT_PORTAL_LINK_DAYS } from './dto/create-portal-link.dto';
import { PortalLink, PortalService } from './portal.service';

@Controller('v1/contacts')
export class PortalLinksHttpController {
  constructor(private readonly auth: Authenticator, private readonly portal: PortalService) {}

  @Post(':id/portal-links')
  async create(@Req() req: RawJsonRequest, @Param('id') contactId: string): Promise<PortalLink> {
    const { context } = await this.auth.authenticate(req.headers);
    const dto = await readJson(req, CreatePortalLinkDto);
    return this.portal.createLink(context, contactId, dto.expiresInDays ?? DEFAULT_PORTAL_LINK_DAYS);
  }
}

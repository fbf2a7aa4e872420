import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { AppError, Tenant, TenantContext } from '@carnet/http';
import { ListItemsQuery } from '../items/dto/list-items.query';
import { ClientRatesService } from './client-rates.service';
import { SetClientRateDto } from './dto/set-client-rate.dto';

const ContactId = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('contact') });
const ItemId = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('item') });

@Controller('v1/contacts/:id/rates')
export class ClientRatesHttpController {
  constructor(private readonly rates: ClientRatesService) {}

  @Get()
  list(@Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Query() q: ListItemsQuery) {
    return this.rates.list(t, id, q);
  }

  @Put(':itemId')
  set(@Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Param('itemId', ItemId) itemId: string, @Body() dto: SetClientRateDto) {
    return this.rates.set(t, id, itemId, dto);
  }

  @Delete(':itemId')
  @HttpCode(204)
  remove(@Tenant() t: TenantContext, @Param('id', ContactId) id: string, @Param('itemId', ItemId) itemId: string) {
    return this.rates.remove(t, id, itemId);
  }
}

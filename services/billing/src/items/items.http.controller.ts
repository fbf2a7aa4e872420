import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AppError, Tenant, TenantContext } from '@carnet/http';
import { CreateItemDto } from './dto/create-item.dto';
import { ListItemsQuery } from './dto/list-items.query';
import { UpdateItemDto } from './dto/update-item.dto';
import { ItemsService } from './items.service';

const ItemId = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('item') });

@Controller('v1/items')
export class ItemsHttpController {
  constructor(private readonly items: ItemsService) {}

  @Post()
  create(@Tenant() t: TenantContext, @Body() dto: CreateItemDto) {
    return this.items.create(t, dto);
  }

  @Get()
  list(@Tenant() t: TenantContext, @Query() q: ListItemsQuery) {
    return this.items.list(t, q);
  }

  @Get(':id')
  get(@Tenant() t: TenantContext, @Param('id', ItemId) id: string) {
    return this.items.get(t, id);
  }

  @Patch(':id')
  update(@Tenant() t: TenantContext, @Param('id', ItemId) id: string, @Body() dto: UpdateItemDto, @Headers('if-match') ifMatch?: string) {
    return this.items.update(t, id, dto, ifMatch);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { AppError, Tenant, TenantContext } from '@carnet/http';
import { CreateQuoteDto } from './dto/create-quote.dto';
import { ListQuotesQuery } from './dto/list-quotes.query';
import { AcceptQuoteDto, DeclineQuoteDto, SendQuoteDto } from './dto/quote-answer.dto';
import { QuotesService } from './quotes.service';

const QuoteId = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('quote') });

@Controller('v1/quotes')
export class QuotesHttpController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  create(@Tenant() t: TenantContext, @Body() dto: CreateQuoteDto) {
    return this.quotes.create(t, dto);
  }

  @Get()
  list(@Tenant() t: TenantContext, @Query() q: ListQuotesQuery) {
    return this.quotes.list(t, q);
  }

  @Get(':id')
  get(@Tenant() t: TenantContext, @Param('id', QuoteId) id: string) {
    return this.quotes.get(t, id);
  }

  @Post(':id/send')
  @HttpCode(200)
  send(@Tenant() t: TenantContext, @Param('id', QuoteId) id: string, @Body() dto: SendQuoteDto) {
    return this.quotes.send(t, id, dto);
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@Tenant() t: TenantContext, @Param('id', QuoteId) id: string, @Body() dto: AcceptQuoteDto) {
    return this.quotes.accept(t, id, dto);
  }

  @Post(':id/decline')
  @HttpCode(200)
  decline(@Tenant() t: TenantContext, @Param('id', QuoteId) id: string, @Body() dto: DeclineQuoteDto) {
    return this.quotes.decline(t, id, dto);
  }

  // 201: a new invoice is created.
  @Post(':id/convert')
  convert(@Tenant() t: TenantContext, @Param('id', QuoteId) id: string) {
    return this.quotes.convert(t, id);
  }
}

import { Injectable } from '@nestjs/common';
import { TenantContext } from '@carnet/http';
import { parseExchangeRate, parseMoney, parseQuantity } from '@carnet/money';
import { ItemsService } from '../items/items.service';
import { FieldParser } from '../shared/parsed-field';
import { TenantTaxesService } from '../taxes/tenant-taxes.service';
import { InvoiceContext, LineRequest } from './domain';
import { InvoiceLineDto } from './dto/invoice-line.dto';

export interface ParsedDocumentInput {
  /** null: keep (or default) the exchange rate. */
  exchangeRate: string | null | undefined;
  lines: LineRequest[] | undefined;
}

/**
 * What invoices and quotes share at the edge: the request's numbers parsed in the document's
 * currency (one 422 naming every bad field), and the tenant's taxes and the named items to price with.
 */
@Injectable()
export class DocumentPricing {
  constructor(private readonly taxes: TenantTaxesService, private readonly items: ItemsService) {}

  parse(currency: string, input: { exchangeRate?: string | number | null; lines?: InvoiceLineDto[] }): ParsedDocumentInput {
    const parser = new FieldParser();
    const exchangeRate = input.exchangeRate === undefined || input.exchangeRate === null
      ? input.exchangeRate
      : parser.parse('exchangeRate', () => parseExchangeRate(input.exchangeRate));
    const lines = input.lines?.map((l, i): LineRequest => ({
      itemId: l.itemId ?? null,
      description: l.description ?? null,
      quantity: parser.parse(`lines[${i}].quantity`, () => parseQuantity(l.quantity)) ?? '',
      unitPrice: l.unitPrice === undefined ? null : parser.parse(`lines[${i}].unitPrice`, () => parseMoney(l.unitPrice, currency)) ?? null,
      taxCodes: l.taxCodes ?? null,
    }));
    parser.check();
    return { exchangeRate, lines };
  }

  async context(t: TenantContext, lines: readonly LineRequest[] | undefined): Promise<InvoiceContext> {
    const itemIds = (lines ?? []).flatMap((l) => (l.itemId === null ? [] : [l.itemId]));
    const [taxes, items] = await Promise.all([this.taxes.list(t.tenantId), this.items.catalog(t.tenantId, itemIds)]);
    return { taxes, homeCurrency: t.homeCurrency, items };
  }
}

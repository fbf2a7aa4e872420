import { Inject, Injectable } from '@nestjs/common';
import type { Db } from 'mongodb';
import { AggregateRepository, EventStore } from '@carnet/eventstore';
import { AppError, TenantContext } from '@carnet/http';
import { MONGO_DB } from '@carnet/messaging';
import { InvalidNumberError, parsePercent } from '@carnet/money';
import { TaxDefinition } from '../account/domain';
import { DefineTaxDto } from './define-tax.dto';
import { defineTax, evolveTenantTaxes, initialTenantTaxes, TENANT_TAXES_ID, TenantTaxesState } from './tenant-taxes.state';

@Injectable()
export class TenantTaxesService {
  private readonly repo: AggregateRepository<TenantTaxesState>;

  constructor(store: EventStore, @Inject(MONGO_DB) db: Db) {
    this.repo = new AggregateRepository<TenantTaxesState>(store, db, { type: 'TenantTaxes', initial: initialTenantTaxes, evolve: evolveTenantTaxes });
  }

  async define(t: TenantContext, dto: DefineTaxDto): Promise<{ tax: TaxDefinition; existed: boolean }> {
    let rate: string;
    try {
      rate = parsePercent(dto.rate);
    } catch (e) {
      if (e instanceof InvalidNumberError) throw AppError.invalid([{ field: 'rate', message: e.message }]);
      throw e;
    }
    const tax = { code: dto.code, name: dto.name, rate };
    let existed = false;
    await this.repo.execute(t.tenantId, TENANT_TAXES_ID, ({ state }) => {
      existed = tax.code in state.taxes;
      return defineTax(state, tax);
    }, {
      contactId: null, retriesOnConflict: 3, metadata: { correlationId: t.correlationId, causationId: null, actor: t.actor },
    });
    return { tax, existed };
  }

  async list(tenantId: string): Promise<TaxDefinition[]> {
    const { state } = await this.repo.load(tenantId, TENANT_TAXES_ID);
    return Object.values(state.taxes).sort((a, b) => a.code.localeCompare(b.code));
  }
}

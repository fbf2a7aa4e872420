import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DocumentNumberAllocator } from '../numbering/document-number.allocator';
import { ClientAccountRunner } from './client-account.runner';

// A crash is noticed at the next start; older reservations are not looked at again.
const LOOK_BACK_MS = 24 * 3600_000;

/**
 * At start, before billing answers any command: numbers taken by a send or a payment that a crash
 * stopped before its commit go back to the sequence, so INV-, QUO- and REC- numbers stay gapless.
 */
@Injectable()
export class UnusedNumbersRelease implements OnApplicationBootstrap {
  private readonly log = new Logger('UnusedNumbersRelease');

  constructor(private readonly numbers: DocumentNumberAllocator, private readonly accounts: ClientAccountRunner) {}

  async onApplicationBootstrap(): Promise<void> {
    const released = await this.numbers.releaseUnused(new Date(Date.now() - LOOK_BACK_MS), (held) => this.accounts.numberUsed(held));
    for (const n of released) this.log.warn(`${n.number} of tenant ${n.tenantId} was taken but never used (a crash before its commit): given back`);
  }
}

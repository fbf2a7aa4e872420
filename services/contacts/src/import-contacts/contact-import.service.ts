import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, TenantContext } from '@carnet/http';
import { ContactService } from '../contact/contact.service';
import { ContactImportStream, ImportFormatError, openContactImport } from '../import';
import { alreadyExists, ImportDefaults, NewContact, planImportBatch } from './import-batch.decide';
import { decideHeldClaim } from '../email-claims/email-claim.decide';
import { EmailClaimRepository } from '../email-claims/email-claim.repository';
import { ImportedContactsWriter } from './imported-contacts.writer';
import { inBatches } from './in-batches';
import { ImportJobRecorder } from './import-job.recorder';
import { ImportJobRepository } from './import-job.repository';
import { ImportJobView, toImportJobView } from './import-job.view';
import { BatchOutcome, ImportReport, ImportReportBuilder } from './import-report';
import { runLimited } from './run-limited';

/** Rows created per round of bulk writes: what memory holds besides the request body. */
export const IMPORT_BATCH_SIZE = 500;
type WithEmail = NewContact & { email: string };

/** Contested emails (held by another claim) checked at once. */
const CLAIM_CHECKS_IN_FLIGHT = 8;

/**
 * Turns an export from another tool into contacts, a batch of rows at a time: the batch's emails
 * are claimed with one insertMany, then its contacts are created with bulk writes. An existing
 * email is skipped, never duplicated, even by two imports running at once (each email is claimed
 * before its contact is created). Memory holds the request body (buffered by the HTTP layer, up
 * to 50 MB) and one batch, whatever the number of rows.
 */
@Injectable()
export class ContactImportService {
  private readonly log = new Logger(ContactImportService.name);

  constructor(
    private readonly contacts: ContactService,
    private readonly claims: EmailClaimRepository,
    private readonly writer: ImportedContactsWriter,
    private readonly jobs: ImportJobRepository,
  ) {}

  /** Imports the whole file before answering (API.md's 200 report). */
  async importNow(t: TenantContext, body: Buffer, contentType?: string): Promise<ImportReport> {
    const file = await this.open(body, contentType);
    const report = new ImportReportBuilder();
    await this.run(t, file, async (outcome) => report.add(outcome));
    return report.build();
  }

  /** Checks the file, then imports it in the background; the job reports its progress. */
  async start(t: TenantContext, body: Buffer, contentType?: string): Promise<ImportJobView> {
    const file = await this.open(body, contentType);
    const id = randomUUID();
    const now = new Date();
    const recorder = new ImportJobRecorder(this.jobs, {
      _id: `${t.tenantId}|${id}`, tenantId: t.tenantId, id, status: 'running', format: file.format, rowsTotal: file.rowsTotal,
      rowsRead: 0, created: 0, skipped: 0, warnings: 0, errors: 0, issueChunks: 0,
      startedAt: now, updatedAt: now, finishedAt: null, failure: null,
    });
    await this.jobs.create(recorder.job);
    void this.runJob(t, file, recorder);
    return toImportJobView(recorder.job, null, now);
  }

  async job(t: TenantContext, id: string): Promise<ImportJobView> {
    const job = await this.jobs.find(t.tenantId, id);
    if (!job) throw AppError.notFound('import job');
    return toImportJobView(job, job.status === 'running' ? null : await this.jobs.report(job), new Date());
  }

  private async open(body: Buffer, contentType?: string): Promise<ContactImportStream> {
    try {
      return await openContactImport(body, contentType);
    } catch (e) {
      if (e instanceof ImportFormatError) throw new AppError(422, 'IMPORT_UNREADABLE', e.message);
      throw e;
    }
  }

  private async runJob(t: TenantContext, file: ContactImportStream, recorder: ImportJobRecorder): Promise<void> {
    try {
      await this.run(t, file, (outcome) => recorder.record(outcome));
      await recorder.finish('done');
    } catch (e) {
      const errorId = randomUUID();
      this.log.error(`import job ${recorder.job.id} failed (error id ${errorId}): ${e instanceof Error ? e.stack : String(e)}`);
      const { rowsRead, created } = recorder.job;
      await recorder.finish('failed', `The import stopped after ${rowsRead} rows (error id ${errorId}); ${created} contacts were created. ` +
        'Import the file again: rows whose email already exists are skipped.').catch((err: unknown) => {
        this.log.error(`import job ${recorder.job.id} could not record its failure: ${String(err)}`);
      });
    }
  }

  /** Reads the file batch by batch, handing each batch's outcome to `record` before reading on. */
  private async run(t: TenantContext, file: ContactImportStream, record: (outcome: BatchOutcome) => Promise<void>): Promise<void> {
    const defaults: ImportDefaults = { homeCurrency: t.homeCurrency, defaultLanguage: t.defaultLanguage ?? null };
    // Contacts from before the API claimed emails get their claim first (once per tenant), so that
    // claims alone tell which emails exist.
    await this.claims.claimExistingOnce(t.tenantId, () => this.contacts.all(t));
    await record({ rowsRead: 0, created: 0, skipped: [], warnings: file.warnings, errors: [] });
    for await (const rows of inBatches(file.rows(), IMPORT_BATCH_SIZE)) {
      const plan = planImportBatch(rows, defaults, randomUUID);
      const taken = await this.claimEmails(t, plan.contacts);
      const takenIds = new Set(taken.map((c) => c.id));
      const created = plan.contacts.filter((c) => !takenIds.has(c.id));
      await this.writer.write(t, created);
      await record({
        rowsRead: rows.length, created: created.length,
        skipped: [...plan.skipped, ...taken.map((c) => alreadyExists(c.line, c.email))],
        warnings: plan.warnings, errors: plan.errors,
      });
    }
    await record({ rowsRead: 0, created: 0, skipped: [], warnings: file.closingWarnings(), errors: [] });
  }

  /** Claims the batch's emails; returns the contacts whose email another contact already has. */
  private async claimEmails(t: TenantContext, contacts: NewContact[]): Promise<WithEmail[]> {
    const withEmail = contacts.filter((c): c is WithEmail => c.email !== null);
    const held = await this.claims.claimMany(t.tenantId, withEmail.map((c) => ({ email: c.email, contactId: c.id })));
    const taken: WithEmail[] = [];
    await runLimited(withEmail.filter((_, i) => held.has(i)), CLAIM_CHECKS_IN_FLIGHT, async (c) => {
      if (!(await this.claim(t, c.email, c.id))) taken.push(c);
    });
    return taken;
  }

  /** True once the email is this new contact's to take; false when another contact has it. */
  private async claim(t: TenantContext, email: string, contactId: string): Promise<boolean> {
    // Each round either wins the claim, finds a live holder, or removes a stale one: two rounds
    // settle it unless other imports keep racing for the address, which makes it theirs anyway.
    for (let round = 0; round < 3; round++) {
      const held = await this.claims.claim(t.tenantId, email, contactId);
      if (!held) return true;
      const holder = await this.contacts.find(t, held.contactId);
      if (decideHeldClaim(held, holder, email, new Date()) === 'duplicate') return false;
      // A stale claim may hide a contact given this email through the API since (its claim was
      // not written because the stale one stood): the list knows.
      if (await this.contacts.emailExists(t, email)) return false;
      await this.claims.release(held);
    }
    return false;
  }
}

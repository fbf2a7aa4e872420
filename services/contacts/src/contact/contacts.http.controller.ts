import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { Readable } from 'node:stream';
import { FileInterceptor } from '@nestjs/platform-express';
import { AppError, Tenant, TenantContext } from '@carnet/http';
import { ContactExportService } from '../export-contacts/contact-export.service';
import { ContactImportService } from '../import-contacts/contact-import.service';
import { ImportJobView } from '../import-contacts/import-job.view';
import { ContactPage } from './contact-list.projection';
import { ContactService } from './contact.service';
import { ContactView } from './contact.view';
import { ContactIdPipe } from './contact-id.pipe';
import { CreateContactDto } from './dto/create-contact.dto';
import { ExportContactsQuery } from './dto/export-contacts.query';
import { ListContactsQuery } from './dto/list-contacts.query';
import { UpdateContactDto } from './dto/update-contact.dto';

function parseIfMatch(h: string | undefined): number | undefined {
  if (h === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(h.trim());
  if (!m) throw AppError.invalid([{ field: 'If-Match', message: 'If-Match must be a contact version such as "3"' }]);
  return Number(m[1]);
}

/** The response of an import, which is 200 or 202 depending on the request's Prefer header. */
interface ImportResponse {
  status(code: number): ImportResponse;
  setHeader(name: string, value: string): ImportResponse;
  json(body: unknown): void;
}

/** RFC 7240: `Prefer: respond-async` (possibly among other preferences) asks for a 202 and a job. */
const prefersAsync = (prefer: string | undefined) =>
  (prefer ?? '').split(',').some((p) => p.split(';')[0]!.trim().toLowerCase() === 'respond-async');

// An unknown job id and a malformed one are the same to the client: 404.
const ImportJobIdPipe = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('import job') });

@Controller('v1/contacts')
export class ContactsHttpController {
  constructor(
    private readonly contacts: ContactService,
    private readonly imports: ContactImportService,
    private readonly exports: ContactExportService,
  ) {}

  @Post()
  create(@Tenant() t: TenantContext, @Body() dto: CreateContactDto): Promise<ContactView> {
    return this.contacts.create(t, dto);
  }

  @Get()
  list(@Tenant() t: TenantContext, @Query() q: ListContactsQuery): Promise<ContactPage> {
    return this.contacts.search(t, q);
  }

  /**
   * Imports a file and answers 200 with the report once every row is in; with `Prefer:
   * respond-async` (large files) it answers 202 at once, with the job to follow in Location.
   */
  @Post('import')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 50 * 1024 * 1024 } }))
  async import(
    @Tenant() t: TenantContext,
    @Req() req: { body: unknown; headers: Record<string, string | undefined> },
    @Res() res: ImportResponse,
    @UploadedFile() file?: { buffer: Buffer; mimetype: string },
  ): Promise<void> {
    const body = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : null);
    if (!body || body.length === 0) {
      throw new AppError(422, 'EMPTY_IMPORT', 'Send the file as multipart field "file", or as a text/csv or text/vcard body');
    }
    const contentType = file?.mimetype ?? req.headers['content-type'];
    if (!prefersAsync(req.headers.prefer)) {
      res.status(200).json(await this.imports.importNow(t, body, contentType));
      return;
    }
    const job = await this.imports.start(t, body, contentType);
    res.status(202).setHeader('Location', `/v1/contacts/imports/${job.id}`).json(job);
  }

  @Get('imports/:jobId')
  importJob(@Tenant() t: TenantContext, @Param('jobId', ImportJobIdPipe) jobId: string): Promise<ImportJobView> {
    return this.imports.job(t, jobId);
  }

  // Declared before ':id' so "export" is not read as a contact id.
  @Get('export')
  export(@Tenant() t: TenantContext, @Query() q: ExportContactsQuery): StreamableFile {
    const file = this.exports.export(t, q.format ?? 'csv');
    return new StreamableFile(Readable.from(file.chunks), { type: file.contentType, disposition: `attachment; filename="${file.filename}"` });
  }

  @Get(':id')
  get(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string): Promise<ContactView> {
    return this.contacts.get(t, id);
  }

  @Patch(':id')
  update(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string, @Body() dto: UpdateContactDto, @Headers('if-match') ifMatch?: string): Promise<ContactView> {
    return this.contacts.update(t, id, dto, parseIfMatch(ifMatch));
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string): Promise<ContactView> {
    return this.contacts.archive(t, id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string): Promise<ContactView> {
    return this.contacts.reactivate(t, id);
  }

  // DELETE /v1/contacts/{id} has no route: the 405 with its reason is declared in main.ts.
}

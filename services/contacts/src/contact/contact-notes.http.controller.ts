import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { AppError, Tenant, TenantContext } from '@carnet/http';
import { ContactIdPipe } from './contact-id.pipe';
import { ContactService } from './contact.service';
import { ListNotesQuery } from './dto/list-notes.query';
import { NoteBodyDto } from './dto/note-body.dto';
import { NotePage, NoteView } from './note.view';

const NoteIdPipe = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('note') });

@Controller('v1/contacts/:id/notes')
export class ContactNotesHttpController {
  constructor(private readonly contacts: ContactService) {}

  @Post()
  add(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string, @Body() dto: NoteBodyDto): Promise<NoteView> {
    return this.contacts.addNote(t, id, dto.body);
  }

  @Get()
  list(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string, @Query() q: ListNotesQuery): Promise<NotePage> {
    return this.contacts.listNotes(t, id, q);
  }

  @Get(':noteId')
  get(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string, @Param('noteId', NoteIdPipe) noteId: string): Promise<NoteView> {
    return this.contacts.getNote(t, id, noteId);
  }

  @Patch(':noteId')
  edit(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string, @Param('noteId', NoteIdPipe) noteId: string, @Body() dto: NoteBodyDto): Promise<NoteView> {
    return this.contacts.editNote(t, id, noteId, dto.body);
  }

  @Delete(':noteId')
  @HttpCode(204)
  remove(@Tenant() t: TenantContext, @Param('id', ContactIdPipe) id: string, @Param('noteId', NoteIdPipe) noteId: string): Promise<void> {
    return this.contacts.deleteNote(t, id, noteId);
  }
}

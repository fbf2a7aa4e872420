import { IsDefined, IsString, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { HasVisibleText, IsPlainMultilineText } from '@carnet/http';
import { charLength, CleanName } from './contact-fields';

export const NOTE_MAX_CHARS = 10_000;

@ValidatorConstraint({ name: 'noteLength' })
class NoteLength implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return typeof v === 'string' && charLength(v) >= 1 && charLength(v) <= NOTE_MAX_CHARS;
  }
  defaultMessage() {
    return `body must be 1 to ${NOTE_MAX_CHARS} characters long after trimming`;
  }
}

/** The body of POST and PATCH /v1/contacts/{id}/notes[/{noteId}]: the text is the whole note. */
export class NoteBodyDto {
  @IsDefined({ message: 'body is required' }) @CleanName() @IsString() @Validate(NoteLength) @IsPlainMultilineText() @HasVisibleText() body!: string;
}

import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '@carnet/http';

/** An unknown id and a malformed one are the same to the client: 404. */
export const ContactIdPipe = new ParseUUIDPipe({ exceptionFactory: () => AppError.notFound('contact') });

import { AppError, FieldError } from '@carnet/http';
import { InvalidNumberError } from '@carnet/money';

/**
 * Collects the refusals of number parsers (amounts, quantities, rates) field by field, so one 422
 * names every bad field of a request instead of the first one only.
 */
export class FieldParser {
  private readonly errors: FieldError[] = [];

  /** The parsed value, or undefined after recording the field's error. */
  parse<T>(field: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (e) {
      if (!(e instanceof InvalidNumberError)) throw e;
      this.errors.push({ field, message: `${field}: ${e.message}` });
      return undefined;
    }
  }

  /** Throws the 422 when any field was refused. */
  check(): void {
    if (this.errors.length > 0) throw AppError.invalid(this.errors);
  }
}

/** Parses one field, turning a refusal into a 422 that names it. */
export function parsedField<T>(field: string, parse: () => T): T {
  const parser = new FieldParser();
  const value = parser.parse(field, parse);
  parser.check();
  return value as T;
}

// A refusal of the whole file (not a per-record problem). The message is meant for the user.
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}

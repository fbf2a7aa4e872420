import { LoggerService } from '@nestjs/common';

/** Structured one-line JSON logs on stderr, tagged with the service name. */
export class JsonLogger implements LoggerService {
  constructor(private readonly service: string) {}

  private write(level: string, message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? rest[rest.length - 1] : undefined;
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, service: this.service, context, msg: message }) + '\n');
  }

  log(message: unknown, ...rest: unknown[]) { this.write('info', message, rest); }
  error(message: unknown, ...rest: unknown[]) { this.write('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]) { this.write('warn', message, rest); }
  debug() { /* quiet */ }
  verbose() { /* quiet */ }

  /** A plain function for libraries that take a log callback. */
  sink(): (msg: string, extra?: unknown) => void {
    return (msg, extra) => this.write('warn', msg, extra === undefined ? [] : [extra]);
  }
}

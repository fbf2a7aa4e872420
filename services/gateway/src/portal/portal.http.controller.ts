import { All, Controller, Get, Headers, Param, Query, Req, Res } from '@nestjs/common';
import { AppError } from '@carnet/http';
import { DocumentLanguage, documentLanguage } from '@carnet/i18n';
import { renderPortalError, renderPortalPage } from './portal-page.renderer';
import { PortalPeriod, PortalService } from './portal.service';

interface PortalResponse {
  status(code: number): PortalResponse;
  setHeader(name: string, value: string | number): void;
  send(body: string | Buffer): void;
}

// The token is in the URL: no referrer carries it away, no cache keeps the page, and nothing but
// the inline style may load.
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

const ERROR_REASONS: Record<string, 'invalid' | 'expired' | 'unavailable'> = { 404: 'invalid', 410: 'expired', 503: 'unavailable' };

/** The client's read-only page: GET only, authorised by the signed token alone. */
@Controller('portal')
export class PortalHttpController {
  constructor(private readonly portal: PortalService) {}

  @Get(':token')
  async page(
    @Param('token') token: string, @Query() q: Record<string, unknown>, @Res() res: PortalResponse,
    @Headers('accept') accept?: string, @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    try {
      const view = await this.portal.view(this.portal.grantOf(token), token, periodOf(q));
      send(res, 200, 'text/html; charset=utf-8', renderPortalPage(view));
    } catch (e) {
      // A person following a link gets a page; a program gets the usual problem+json.
      const reason = e instanceof AppError ? ERROR_REASONS[e.status] : undefined;
      if (!reason || !/\btext\/html\b/i.test(accept ?? '')) throw e;
      send(res, (e as AppError).status, 'text/html; charset=utf-8', renderPortalError(reason, browserLanguage(acceptLanguage)));
    }
  }

  @Get(':token/statement.pdf')
  async statementPdf(@Param('token') token: string, @Query() q: Record<string, unknown>, @Res() res: PortalResponse): Promise<void> {
    const { pdf, from, to } = await this.portal.statementPdf(this.portal.grantOf(token), periodOf(q));
    res.setHeader('content-disposition', `inline; filename="statement-${from}-${to}.pdf"`);
    send(res, 200, 'application/pdf', pdf);
  }

  @All([':token', ':token/*rest'])
  readOnly(@Req() req: { method: string; path: string }): never {
    if (req.method === 'GET' || req.method === 'HEAD') throw new AppError(404, 'NOT_FOUND', `No route ${req.method} ${req.path}`);
    throw new AppError(405, 'METHOD_NOT_ALLOWED', 'The client portal is read-only: use GET', [], { allow: 'GET, HEAD' });
  }
}

function send(res: PortalResponse, status: number, type: string, body: string | Buffer): void {
  res.status(status);
  for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
  res.setHeader('content-type', type);
  res.send(body);
}

// Only from and to are read; a repeated parameter (an array) or anything else is not a date.
function periodOf(q: Record<string, unknown>): PortalPeriod {
  const pick = (v: unknown) => (v === undefined ? undefined : typeof v === 'string' ? v : String(v));
  return { from: pick(q.from), to: pick(q.to) };
}

function browserLanguage(acceptLanguage: string | undefined): DocumentLanguage {
  return documentLanguage(acceptLanguage?.split(',')[0]?.split(';')[0]?.trim() || null, null);
}

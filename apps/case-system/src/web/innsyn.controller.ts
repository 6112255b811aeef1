import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Logger, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppRequest, AuthUser } from '../auth/auth-user.js';
import { SessionGuard } from '../auth/session.guard.js';
import { SakerService } from '../saker/saker.service.js';
import { readInnsynForm, validateInnsyn } from './innsyn.form.js';
import { RedirectToLogin, page } from './respond.js';
import { innsynForbiddenPage, innsynPage } from './views/innsyn.page.js';

/**
 * The access-request page over the same data as `GET /api/innsyn`, for admins only: the answer is
 * itself personal data. The plate and VIN travel in the POST body, never in a URL; the log line
 * says that a page was produced, by whom and how big it was, never what was asked.
 */
@ApiExcludeController()
@Controller('innsyn')
@UseFilters(RedirectToLogin)
@UseGuards(SessionGuard)
export class WebInnsynController {
  private readonly logger = new Logger('Innsyn');

  constructor(private readonly saker: SakerService) {}

  @Get()
  form(@Req() request: AppRequest, @Res() response: ServerResponse): void {
    const user = request.user as AuthUser;
    if (user.role !== 'admin') {
      page(response, 403, innsynForbiddenPage(user));
      return;
    }
    page(response, 200, innsynPage(user, { form: { kjennemerke: '', understellsnummer: '' }, errors: [] }));
  }

  @Post()
  async answer(@Body() body: unknown, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    if (user.role !== 'admin') {
      page(response, 403, innsynForbiddenPage(user));
      return;
    }
    const form = readInnsynForm(body);
    const checked = validateInnsyn(form);
    if (!checked.ok) {
      page(response, 400, innsynPage(user, { form, errors: checked.errors }));
      return;
    }
    const { lookups, saker } = await this.saker.innsynWithCases(checked.question);
    this.logger.log({
      msg: 'Innsyn page produced',
      // The person's id, not their name: logs carry no names.
      userId: user.id,
      lookups: lookups.length,
      cases: saker.length,
    });
    page(
      response,
      200,
      innsynPage(user, {
        form,
        errors: [],
        answer: { question: checked.question, lookups, saker, produced: new Date() },
      }),
    );
  }
}

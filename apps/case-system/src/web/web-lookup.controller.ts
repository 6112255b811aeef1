import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { actorOf, type AppRequest, type AuthUser } from '../auth/auth-user.js';
import { SessionGuard } from '../auth/session.guard.js';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import { WebLookupService } from '../web-lookup/web-lookup.service.js';
import { SakerService } from '../saker/saker.service.js';
import {
  emptyWebLookupForm,
  readNySakForm,
  readWebLookupForm,
  validateNySak,
  validateWebLookup,
} from './web-lookup.form.js';
import { toOsloLocalInput } from './oslo-time.js';
import { RedirectToLogin, page, redirect } from './respond.js';
import { nySakPage, webLookupPage } from './views/web-lookup.page.js';

/**
 * The lookup page. Every identifier and name travels in POST bodies, never in a URL (URLs end up
 * in access logs, browser history and Referer headers). The forms are protected against CSRF by
 * the SameSite=Strict session cookie and by `crossOriginProtection`, which refuses every
 * cross-origin POST (Sec-Fetch-Site, else Origin) before a controller runs; see README.
 */
@ApiExcludeController()
@Controller()
@UseFilters(RedirectToLogin)
@UseGuards(SessionGuard)
export class WebLookupController {
  constructor(
    private readonly oppslag: WebLookupService,
    private readonly saker: SakerService,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  @Get('oppslag')
  form(@Req() request: AppRequest, @Res() response: ServerResponse): void {
    const config = this.config.webLookup;
    page(
      response,
      200,
      webLookupPage(request.user as AuthUser, { config, form: emptyWebLookupForm(config), errors: [] }),
    );
  }

  @Post('oppslag')
  async lookup(@Body() body: unknown, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    const config = this.config.webLookup;
    const form = readWebLookupForm(body);
    const checked = validateWebLookup(form, config);
    if (!checked.ok) {
      page(response, 400, webLookupPage(user, { config, form, errors: checked.errors }));
      return;
    }
    const result = await this.oppslag.lookup(checked.request, user);
    page(response, 200, webLookupPage(user, { config, form, errors: [], done: { request: checked.request, result } }));
  }

  /** The "open a case" form, filled from a result; a POST only because it carries the identifiers. */
  @Post('oppslag/ny-sak')
  newCase(@Body() body: unknown, @Req() request: AppRequest, @Res() response: ServerResponse): void {
    const form = readNySakForm(body);
    if (form.observert === '') form.observert = toOsloLocalInput(new Date());
    page(response, 200, nySakPage(request.user as AuthUser, form, []));
  }

  @Post('saker/ny')
  async createCase(@Body() body: unknown, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    const form = readNySakForm(body);
    const checked = validateNySak(form);
    if (!checked.ok) {
      page(response, 400, nySakPage(user, form, checked.errors));
      return;
    }
    const sak = await this.saker.createByHand(checked.observasjon, actorOf(user));
    redirect(response, `/saker/${sak.id}`);
  }
}

import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppRequest } from '../auth/auth-user.js';
import { OidcService } from '../auth/oidc.service.js';
import {
  clearPendingLoginCookie,
  clearSessionCookie,
  pendingLoginOf,
  sessionCookieHeader,
  sessionTokenOf,
  setPendingLoginCookie,
  setSessionCookie,
} from '../auth/session.js';
import { UsersService } from '../auth/users.service.js';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import { STYLESHEET } from './views/layout.js';
import { RedirectToLogin, page, redirect } from './respond.js';
import { loggedInPage, loginPage, noRolePage, oidcFailedPage } from './views/login.page.js';
import { leavingForProviderLogoutPage } from './views/logout.page.js';

/**
 * The case worker's pages: log in with an API key (exchanged for an HttpOnly, SameSite=Strict
 * session cookie) and out again. The case pages are in `case-work.controller.ts`.
 */
@ApiExcludeController()
@Controller()
@UseFilters(RedirectToLogin)
export class WebController {
  constructor(
    private readonly users: UsersService,
    private readonly oidc: OidcService,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  @Get()
  root(@Res() response: ServerResponse): void {
    redirect(response, '/saker');
  }

  @Get('static/app.css')
  stylesheet(@Res() response: ServerResponse): void {
    response.setHeader('Content-Type', 'text/css; charset=utf-8');
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.end(STYLESHEET);
  }

  @Get('login')
  login(@Res() response: ServerResponse): void {
    page(response, 200, loginPage(this.loginOptions()));
  }

  private loginOptions(error?: string) {
    return {
      ...(error === undefined ? {} : { error }),
      ...(this.oidc.enabled ? { oidcDisplayName: this.oidc.displayName } : {}),
    };
  }

  /** Leaves for the OpenID provider with a fresh state, nonce and PKCE challenge. */
  @Get('login/oidc')
  async startOidc(@Res() response: ServerResponse): Promise<void> {
    if (!this.oidc.enabled) {
      page(response, 404, oidcFailedPage('Innlogging med OpenID Connect er ikke satt opp.'));
      return;
    }
    const started = await this.oidc.start();
    if (!started) {
      page(response, 502, oidcFailedPage('Fikk ikke kontakt med innloggingstjenesten. Prøv igjen om litt.'));
      return;
    }
    setPendingLoginCookie(response, started.pending, this.config.app.cookieSecure);
    redirect(response, started.url.href);
  }

  /**
   * The provider sends the browser back here. Without the pending-login cookie this browser
   * started, nothing is exchanged: a code planted by someone else cannot log the browser in.
   */
  @Get('login/oidc/callback')
  async finishOidc(@Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const secure = this.config.app.cookieSecure;
    const pending = pendingLoginOf(request, secure);
    const url = request.url ?? '';
    const query = url.includes('?') ? url.slice(url.indexOf('?')) : '';
    if (!pending) {
      response.setHeader('Set-Cookie', clearPendingLoginCookie(secure));
      page(response, 400, oidcFailedPage('Innloggingen var utløpt eller ble startet i en annen nettleser.'));
      return;
    }
    const result = await this.oidc.finish(query, pending);
    if (!result.ok) {
      response.setHeader('Set-Cookie', clearPendingLoginCookie(secure));
      if (result.reason === 'no_role') page(response, 403, noRolePage(result.name));
      else page(response, 400, oidcFailedPage('Innloggingen ble avbrutt eller kunne ikke bekreftes.'));
      return;
    }
    const user = await this.users.oidcUser(result.identity);
    if (!user) {
      response.setHeader('Set-Cookie', clearPendingLoginCookie(secure));
      page(response, 403, oidcFailedPage('Brukeren din er deaktivert. Kontakt en administrator.'));
      return;
    }
    const token = await this.users.startSession(user);
    response.setHeader('Set-Cookie', [
      clearPendingLoginCookie(secure),
      sessionCookieHeader(token, this.config.app.sessionTtlMs, secure),
    ]);
    page(response, 200, loggedInPage());
  }

  @Post('login')
  async doLogin(@Body() body: unknown, @Res() response: ServerResponse): Promise<void> {
    const apiKey = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['apiKey'] : undefined;
    const user = typeof apiKey === 'string' ? await this.users.authenticate(apiKey.trim()) : undefined;
    if (!user) {
      page(response, 401, loginPage(this.loginOptions('Ukjent API-nøkkel.')));
      return;
    }
    const token = await this.users.startSession(user);
    setSessionCookie(response, token, this.config.app.sessionTtlMs, this.config.app.cookieSecure);
    redirect(response, '/saker');
  }

  /**
   * Ends the session here; for a user who came from the OpenID provider, then sends the browser to
   * the provider's end-session endpoint (RP-Initiated Logout), which sends it back to /login.
   */
  @Post('logout')
  async logout(@Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const token = sessionTokenOf(request);
    const ended = token ? await this.users.endSession(token) : {};
    clearSessionCookie(response, this.config.app.cookieSecure);
    const endSessionUrl = ended.oidcIssuer ? await this.oidc.endSessionUrl(ended.oidcIssuer) : undefined;
    if (endSessionUrl) page(response, 200, leavingForProviderLogoutPage(endSessionUrl, this.oidc.displayName));
    else redirect(response, '/login');
  }
}

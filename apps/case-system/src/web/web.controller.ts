import type { ServerResponse } from 'node:http';
import {
  Body,
  Catch,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppRequest, AuthUser } from '../auth/auth-user.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../auth/session.js';
import { LoginRequiredError, SessionGuard } from '../auth/session.guard.js';
import { UsersService } from '../auth/users.service.js';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import { SakerService } from '../saker/saker.service.js';
import { html } from './views/html.js';
import { layout, STYLESHEET } from './views/layout.js';
import { loginPage } from './views/login.page.js';
import { sakPage } from './views/sak.page.js';
import { sakerPage } from './views/saker.page.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** No script, no framing, no foreign origins: the pages are plain server-rendered HTML. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

@Catch(LoginRequiredError)
class RedirectToLogin implements ExceptionFilter {
  catch(_error: LoginRequiredError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    response.statusCode = 303;
    response.setHeader('Location', '/login');
    response.end();
  }
}

/**
 * The case worker's pages: log in with an API key (exchanged for an HttpOnly, SameSite=Strict
 * session cookie), the case list and a case page. Every value is escaped by `html`.
 */
@ApiExcludeController()
@Controller()
@UseFilters(RedirectToLogin)
export class WebController {
  constructor(
    private readonly users: UsersService,
    private readonly saker: SakerService,
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
    page(response, 200, loginPage());
  }

  @Post('login')
  async doLogin(@Body() body: unknown, @Res() response: ServerResponse): Promise<void> {
    const apiKey = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['apiKey'] : undefined;
    const user = typeof apiKey === 'string' ? await this.users.authenticate(apiKey.trim()) : undefined;
    if (!user) {
      page(response, 401, loginPage('Ukjent API-nøkkel.'));
      return;
    }
    const token = await this.users.startSession(user);
    setSessionCookie(response, token, this.config.app.sessionTtlMs, this.config.app.cookieSecure);
    redirect(response, '/saker');
  }

  @Post('logout')
  async logout(@Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const token = sessionTokenOf(request);
    if (token) await this.users.endSession(token);
    clearSessionCookie(response, this.config.app.cookieSecure);
    redirect(response, '/login');
  }

  @Get('saker')
  @UseGuards(SessionGuard)
  async list(@Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    page(response, 200, sakerPage(request.user as AuthUser, await this.saker.list({ limit: 200 })));
  }

  @Get('saker/:id')
  @UseGuards(SessionGuard)
  async sak(@Param('id') id: string, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    const sak = UUID.test(id) ? await this.saker.get(id) : undefined;
    if (!sak) {
      page(
        response,
        404,
        layout(
          'Fant ikke saken',
          user,
          html`<h1>Fant ikke saken</h1>
            <p><a href="/saker">Tilbake til sakene</a></p>`,
        ),
      );
      return;
    }
    page(response, 200, sakPage(user, sak, await this.saker.auditLog(id)));
  }
}

function page(response: ServerResponse, status: number, body: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cache-Control', 'no-store');
  response.end(body);
}

function redirect(response: ServerResponse, location: string): void {
  response.statusCode = 303;
  response.setHeader('Location', location);
  response.end();
}

import type { ServerResponse } from 'node:http';
import {
  Body,
  Catch,
  Controller,
  Get,
  HttpException,
  Inject,
  Injectable,
  Param,
  Post,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { AppRequest, AuthUser } from '../auth/auth-user.js';
import { SessionGuard } from '../auth/session.guard.js';
import { BulkLookupsService } from '../bulk-lookups/bulk-lookups.service.js';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import {
  emptyBulkLookupForm,
  readBulkLookupForm,
  validateBulkLookup,
  type BulkLookupForm,
  type UploadedList,
} from './bulk-lookup.form.js';
import { RedirectToLogin, page, redirect } from './respond.js';
import { BULK_LOOKUP_SCRIPT } from './static/bulk-lookup.script.js';
import { html } from './views/html.js';
import { layout, type FieldError } from './views/layout.js';
import { bulkLookupPage } from './views/bulk-lookup.page.js';
import { bulkLookupStatusPage, progressOf } from './views/bulk-lookup-status.page.js';
import { isUuid } from './form-fields.js';

/**
 * An upload multer refused (too large, too many files, another field name) is a form error on
 * the page like any other, not Nest's JSON error: the person sees what to do.
 */
@Injectable()
@Catch(HttpException)
export class BulkUploadRefused implements ExceptionFilter {
  constructor(
    private readonly bulkLookups: BulkLookupsService,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  async catch(error: HttpException, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<AppRequest>();
    const response = http.getResponse<ServerResponse>();
    const user = request.user;
    if (!user) {
      redirect(response, '/login');
      return;
    }
    const status = error.getStatus();
    const kB = Math.floor(this.config.bulkLookup.maxBytes / 1000);
    // Nest turns multer's errors into HttpExceptions that keep only multer's message (and the field).
    const problem: FieldError =
      status === 413
        ? { field: 'fil', message: `Filen er for stor: høyst ${kB} kB` }
        : error.message.startsWith('Field value too long')
          ? { field: 'linjer', message: `Teksten er for stor: høyst ${kB} kB` }
          : { field: 'fil', message: 'Skjemaet kunne ikke leses. Last opp én CSV-fil i feltet «CSV-fil».' };
    await renderForm(this.bulkLookups, this.config, response, user, status === 413 ? 413 : 400, [problem]);
  }
}

/** The form (empty unless given) with its problems, above the person's list of bulk lookups. */
async function renderForm(
  bulkLookups: BulkLookupsService,
  config: CaseSystemConfig,
  response: ServerResponse,
  user: AuthUser,
  status: number,
  errors: FieldError[] = [],
  form: BulkLookupForm = emptyBulkLookupForm(config.webLookup),
): Promise<void> {
  const view = {
    config: { webLookup: config.webLookup, bulkLookup: config.bulkLookup },
    form,
    errors,
    list: await bulkLookups.list(user),
  };
  page(response, status, bulkLookupPage(user, view));
}

/**
 * The bulk lookup pages ("Masseoppslag"). The list travels in the POST body (multipart: a file or
 * pasted lines), never in a URL; URLs carry the bulk lookup's UUID only. Only its creator or an
 * admin sees, cancels or downloads a bulk lookup; anyone else gets the same 404 as for an unknown
 * id. CSRF: as every form, `crossOriginProtection` and the SameSite=Strict session cookie.
 */
@ApiExcludeController()
@Controller('masseoppslag')
@UseFilters(RedirectToLogin)
@UseGuards(SessionGuard)
export class BulkLookupController {
  constructor(
    private readonly bulkLookups: BulkLookupsService,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  @Get()
  async form(@Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    await renderForm(this.bulkLookups, this.config, response, user, 200);
  }

  @Post()
  @UseFilters(BulkUploadRefused)
  @UseInterceptors(FileInterceptor('fil'))
  async create(
    @Body() body: unknown,
    @UploadedFile() file: UploadedList | undefined,
    @Req() request: AppRequest,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const user = request.user as AuthUser;
    const form = readBulkLookupForm(body);
    const checked = validateBulkLookup(form, file, this.config);
    if (!checked.ok) {
      await renderForm(this.bulkLookups, this.config, response, user, 400, checked.errors, form);
      return;
    }
    const id = await this.bulkLookups.create(checked.request, user);
    redirect(response, `/masseoppslag/${id}`);
  }

  /** The bulk lookup if this person may see it; a malformed id is as unknown as a missing one. */
  private async visible(id: string, user: AuthUser): ReturnType<BulkLookupsService['visible']> {
    return isUuid(id) ? await this.bulkLookups.visible(id, user) : undefined;
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    const bulk = await this.visible(id, user);
    if (!bulk) return notFound(response, user);
    const progress = progressOf(bulk, await this.bulkLookups.counts(bulk));
    page(response, 200, bulkLookupStatusPage(user, bulk, progress), { sameOriginScript: !progress.finished });
  }

  /** Counts only, for the progress script: no identifier, no name. */
  @Get(':id/status')
  async status(@Param('id') id: string, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    const bulk = await this.visible(id, user);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    if (!bulk) {
      response.statusCode = 404;
      response.end(JSON.stringify({ error: 'not_found' }));
      return;
    }
    response.statusCode = 200;
    response.end(JSON.stringify(progressOf(bulk, await this.bulkLookups.counts(bulk))));
  }

  @Post(':id/avbryt')
  async cancel(@Param('id') id: string, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    const bulk = await this.visible(id, user);
    if (!bulk) return notFound(response, user);
    // Cancelling one that has just ended is no error: the page shows how it ended.
    await this.bulkLookups.cancel(bulk, user);
    redirect(response, `/masseoppslag/${bulk.id}`);
  }

  @Get(':id/resultat.csv')
  async download(@Param('id') id: string, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    const bulk = await this.visible(id, user);
    if (!bulk) return notFound(response, user);
    const csv = await this.bulkLookups.resultCsv(bulk, user);
    response.statusCode = 200;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="masseoppslag-${bulk.id}.csv"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(csv);
  }
}

/** The progress page's script, public like the stylesheet: it holds no data. */
@ApiExcludeController()
@Controller('static')
export class BulkLookupScriptController {
  @Get('bulk-lookup.js')
  script(@Res() response: ServerResponse): void {
    response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.end(BULK_LOOKUP_SCRIPT);
  }
}

function notFound(response: ServerResponse, user: AuthUser): void {
  page(
    response,
    404,
    layout(
      'Fant ikke masseoppslaget',
      user,
      html`<h1>Fant ikke masseoppslaget</h1>
        <p><a href="/masseoppslag">Tilbake til masseoppslag</a></p>`,
    ),
  );
}

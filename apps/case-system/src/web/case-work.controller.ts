import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { actorOf, type AppRequest, type AuthUser } from '../auth/auth-user.js';
import { SessionGuard } from '../auth/session.guard.js';
import type { Transition } from '../case-work/case-work.js';
import { CaseWorkService } from '../case-work/case-work.service.js';
import { SakerService } from '../saker/saker.service.js';
import {
  emptyCaseWorkForms,
  readCaseListForm,
  readCaseWorkForms,
  validateCaseList,
  validateFjernet,
  validateLukk,
  validateVarsel,
  type CaseWorkForms,
} from './case-work.form.js';
import { toOsloLocalInput } from './oslo-time.js';
import { RedirectToLogin, page, redirect } from './respond.js';
import type { FieldError } from './views/layout.js';
import { caseMessagePage, nySakManuellPage, sakPage } from './views/sak.page.js';
import { sakerPage } from './views/saker.page.js';
import { readNySakForm, validateNySak } from './web-lookup.form.js';
import { isUuid } from './form-fields.js';

/**
 * Case work in the browser: the case list with filters and paging, a case with its timeline, and
 * one POST form per change (notice sent, vehicle removed, closed, lookup re-run). Each change goes
 * through `CaseWorkService`, the same path as the API, so it is one event on the case with the
 * person as actor. CSRF: same-origin POSTs only (`crossOriginProtection`) and the SameSite=Strict
 * session cookie. A plate is only ever in a POST body; URLs carry the case id and the filters.
 */
@ApiExcludeController()
@Controller()
@UseFilters(RedirectToLogin)
@UseGuards(SessionGuard)
export class CaseWorkController {
  private readonly logger = new Logger('CaseWork');

  constructor(
    private readonly saker: SakerService,
    private readonly caseWork: CaseWorkService,
  ) {}

  @Get('saker')
  async list(
    @Query() query: Record<string, unknown>,
    @Req() request: AppRequest,
    @Res() response: ServerResponse,
  ): Promise<void> {
    await this.renderList(readCaseListForm(query, false), request.user as AuthUser, response);
  }

  /** The plate search: a POST so the plate stays out of the URL. */
  @Post('saker')
  async search(@Body() body: unknown, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    await this.renderList(readCaseListForm(body, true), request.user as AuthUser, response);
  }

  private async renderList(
    form: ReturnType<typeof readCaseListForm>,
    user: AuthUser,
    response: ServerResponse,
  ): Promise<void> {
    const checked = validateCaseList(form);
    if (!checked.ok) {
      page(response, 400, sakerPage(user, { form, errors: checked.errors }));
      return;
    }
    const result = await this.caseWork.list(checked.filter, checked.side);
    page(response, 200, sakerPage(user, { form, errors: [], result }));
  }

  /** "Ny sak" on the case list: the hand-made case, empty. Declared before `saker/:id`. */
  @Get('saker/ny')
  newCase(@Req() request: AppRequest, @Res() response: ServerResponse): void {
    const form = readNySakForm({});
    form.observert = toOsloLocalInput(new Date());
    page(response, 200, nySakManuellPage(request.user as AuthUser, form, []));
  }

  @Post('saker/opprett')
  async createCase(@Body() body: unknown, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    const user = request.user as AuthUser;
    const form = readNySakForm(body);
    const checked = validateNySak(form, 'manuell');
    if (!checked.ok) {
      page(response, 400, nySakManuellPage(user, form, checked.errors));
      return;
    }
    const sak = await this.saker.createByHand(checked.observasjon, actorOf(user));
    redirect(response, `/saker/${sak.id}`);
  }

  @Get('saker/:id')
  async sak(@Param('id') id: string, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    await this.renderCase(id, request.user as AuthUser, response, 200, emptyCaseWorkForms(), []);
  }

  @Post('saker/:id/varsel')
  async varsel(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: AppRequest,
    @Res() response: ServerResponse,
  ) {
    await this.change(id, body, request, response, validateVarsel);
  }

  @Post('saker/:id/fjernet')
  async fjernet(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: AppRequest,
    @Res() response: ServerResponse,
  ) {
    await this.change(id, body, request, response, validateFjernet);
  }

  @Post('saker/:id/lukk')
  async lukk(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: AppRequest,
    @Res() response: ServerResponse,
  ) {
    await this.change(id, body, request, response, validateLukk);
  }

  @Post('saker/:id/oppslag')
  async oppslag(@Param('id') id: string, @Req() request: AppRequest, @Res() response: ServerResponse): Promise<void> {
    await this.change(id, {}, request, response, () => ({ ok: true, transition: { kind: 'nytt_oppslag' } }));
  }

  /** Validate, apply, then back to the case (303, so a reload does not post again). */
  private async change(
    id: string,
    body: unknown,
    request: AppRequest,
    response: ServerResponse,
    validate: (forms: CaseWorkForms) => { ok: true; transition: Transition } | { ok: false; errors: FieldError[] },
  ): Promise<void> {
    const user = request.user as AuthUser;
    if (!isUuid(id)) {
      page(response, 404, caseMessagePage(user, 'Fant ikke saken', 'Saken finnes ikke.'));
      return;
    }
    const forms = readCaseWorkForms(body);
    const checked = validate(forms);
    if (!checked.ok) {
      await this.renderCase(id, user, response, 400, forms, checked.errors);
      return;
    }
    const result = await this.caseWork.apply(id, actorOf(user), checked.transition);
    if (!result.ok && result.reason === 'not_found') {
      page(response, 404, caseMessagePage(user, 'Fant ikke saken', 'Saken finnes ikke.'));
    } else if (!result.ok && result.reason === 'refused') {
      // Codes only: no identifier of the case or the vehicle goes to the log.
      this.logger.log({ code: result.refusal.code, type: checked.transition.kind }, 'case change refused');
      page(response, 409, caseMessagePage(user, 'Endringen ble ikke gjort', result.refusal.message, id));
    } else {
      redirect(response, `/saker/${id}#tidslinje`);
    }
  }

  private async renderCase(
    id: string,
    user: AuthUser,
    response: ServerResponse,
    status: number,
    forms: CaseWorkForms,
    errors: FieldError[],
  ): Promise<void> {
    const sak = isUuid(id) ? await this.saker.get(id) : undefined;
    if (!sak) {
      page(response, 404, caseMessagePage(user, 'Fant ikke saken', 'Saken finnes ikke.'));
      return;
    }
    page(response, status, sakPage(user, { sak, timeline: await this.caseWork.timeline(sak), forms, errors }));
  }
}

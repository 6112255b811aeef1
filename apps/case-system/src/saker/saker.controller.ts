import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { actorOf, type AppRequest, type AuthUser } from '../auth/auth-user.js';
import { Roles } from '../auth/roles.decorator.js';
import {
  LUKKET_GRUNN_VALUES,
  MAX_MERKNAD,
  VARSEL_KANAL_VALUES,
  type SakHendelse,
  type Transition,
  type TransitionResult,
} from '../case-work/case-work.js';
import { CaseWorkService } from '../case-work/case-work.service.js';
import { badRequest, problemsOf, ZodBody } from '../utils/zod-body.js';
import type { Sak } from './domain/sak.js';
import { SAK_STATUSES } from './domain/sak-status.js';
import type { AuditLogEntry } from './sak.mapper.js';
import { SakerService } from './saker.service.js';

/** A moment that has happened: ISO-8601 with offset, at most five minutes ahead (clock skew). */
const Past = z.iso
  .datetime({ offset: true })
  .refine((value) => Date.parse(value) <= Date.now() + 5 * 60_000, 'must not be in the future')
  .transform((value) => new Date(value));
const Merknad = z.string().trim().min(1).max(MAX_MERKNAD);

const VarselSchema = z.strictObject({ kanal: z.enum(VARSEL_KANAL_VALUES), sendt: Past.optional() });
const FjernetSchema = z.strictObject({ fjernet: Past.optional(), merknad: Merknad.optional() });
const LukkSchema = z
  .strictObject({ grunn: z.enum(LUKKET_GRUNN_VALUES), merknad: Merknad.optional() })
  .refine((body) => body.grunn !== 'annet' || body.merknad !== undefined, {
    path: ['merknad'],
    message: 'required when grunn is annet',
  });

/** What a case-work call answers: the case as it is now and the event it wrote. */
interface CaseWorkAnswer {
  sak: Sak;
  hendelse: SakHendelse;
}

const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  status: z.enum(SAK_STATUSES).optional(),
});

@ApiTags('saker')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or unknown API key' })
@ApiForbiddenResponse({ description: 'Role not allowed' })
@Controller('api/saker')
@UseGuards(ApiKeyGuard)
@Roles('saksbehandler', 'admin')
export class SakerController {
  constructor(
    private readonly saker: SakerService,
    private readonly caseWork: CaseWorkService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Cases, newest first' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', default: 50, maximum: 500 } })
  @ApiQuery({ name: 'status', required: false, enum: SAK_STATUSES })
  async list(@Query() query: Record<string, unknown>): Promise<Sak[]> {
    const parsed = ListQuerySchema.safeParse(query);
    if (!parsed.success) throw badRequest('Invalid query', problemsOf(parsed.error));
    return this.saker.list(parsed.data);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One case: vehicle, owner at the observation time (or shielded), status, deadline, lookup job',
  })
  @ApiOkResponse({ description: 'The case' })
  @ApiNotFoundResponse()
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<Sak> {
    return this.found(await this.saker.get(id));
  }

  @Post(':id/oppslag')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run the lookup again; audited with you as the actor' })
  @ApiAcceptedResponse({ description: 'Queued (or joined a pending lookup)' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The case is closed' })
  async rerun(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AppRequest): Promise<Sak> {
    return (await this.transition(id, request, { kind: 'nytt_oppslag' })).sak;
  }

  @Post(':id/varsel')
  @ApiOperation({ summary: 'Record that the notice was sent (how and when; default now)' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kanal'],
      properties: {
        kanal: { type: 'string', enum: VARSEL_KANAL_VALUES },
        sendt: { type: 'string', format: 'date-time', description: 'ISO-8601 with offset; default now' },
      },
    },
  })
  @ApiCreatedResponse({ description: '{ sak, hendelse }' })
  @ApiConflictResponse({ description: 'The case is closed' })
  @ApiNotFoundResponse()
  async varsel(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBody(VarselSchema)) body: z.infer<typeof VarselSchema>,
    @Req() request: AppRequest,
  ): Promise<CaseWorkAnswer> {
    return this.transition(id, request, { kind: 'varsel_sendt', kanal: body.kanal, sendt: body.sendt ?? new Date() });
  }

  @Post(':id/fjernet')
  @ApiOperation({ summary: 'Record that the vehicle was removed (when; default now; optional note)' })
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        fjernet: { type: 'string', format: 'date-time', description: 'ISO-8601 with offset; default now' },
        merknad: { type: 'string', maxLength: MAX_MERKNAD },
      },
    },
  })
  @ApiCreatedResponse({ description: '{ sak, hendelse }' })
  @ApiConflictResponse({ description: 'The case is closed, or the removal is already recorded' })
  @ApiNotFoundResponse()
  async fjernet(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBody(FjernetSchema)) body: z.infer<typeof FjernetSchema>,
    @Req() request: AppRequest,
  ): Promise<CaseWorkAnswer> {
    return this.transition(id, request, {
      kind: 'fjernet',
      fjernet: body.fjernet ?? new Date(),
      ...(body.merknad === undefined ? {} : { merknad: body.merknad }),
    });
  }

  @Post(':id/lukk')
  @ApiOperation({ summary: 'Close the case with a reason (merknad required for grunn "annet")' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['grunn'],
      properties: {
        grunn: { type: 'string', enum: LUKKET_GRUNN_VALUES },
        merknad: { type: 'string', maxLength: MAX_MERKNAD },
      },
    },
  })
  @ApiCreatedResponse({ description: '{ sak, hendelse }' })
  @ApiConflictResponse({ description: 'The case is closed already' })
  @ApiNotFoundResponse()
  async lukk(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodBody(LukkSchema)) body: z.infer<typeof LukkSchema>,
    @Req() request: AppRequest,
  ): Promise<CaseWorkAnswer> {
    return this.transition(id, request, {
      kind: 'lukket',
      grunn: body.grunn,
      ...(body.merknad === undefined ? {} : { merknad: body.merknad }),
    });
  }

  @Get(':id/hendelser')
  @ApiOperation({ summary: 'What people did on this case (notice, removal, closing, re-runs), oldest first' })
  @ApiNotFoundResponse()
  async hendelser(@Param('id', new ParseUUIDPipe()) id: string): Promise<SakHendelse[]> {
    this.found(await this.saker.get(id));
    return this.caseWork.events(id);
  }

  @Get(':id/logg')
  @ApiOperation({ summary: 'Every register lookup made for this case (the audit trail)' })
  @ApiNotFoundResponse()
  async logg(@Param('id', new ParseUUIDPipe()) id: string): Promise<AuditLogEntry[]> {
    this.found(await this.saker.get(id));
    return this.saker.auditLog(id);
  }

  /** Applies a transition as the caller; 404 for no case, 409 with a code and a sentence if refused. */
  private async transition(id: string, request: AppRequest, transition: Transition): Promise<CaseWorkAnswer> {
    const result: TransitionResult = await this.caseWork.apply(id, actorOf(request.user as AuthUser), transition);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new NotFoundException('No such case');
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        code: result.refusal.code,
        message: result.refusal.message,
      });
    }
    return { sak: this.found(await this.saker.get(id)), hendelse: result.hendelse };
  }

  private found(sak: Sak | undefined): Sak {
    if (!sak) throw new NotFoundException('No such case');
    return sak;
  }
}

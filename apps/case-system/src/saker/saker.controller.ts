import {
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
import { badRequest, problemsOf } from '../utils/zod-body.js';
import type { Sak } from './domain/sak.js';
import { SAK_STATUSES } from './domain/sak-status.js';
import type { AuditLogEntry } from './sak.mapper.js';
import { SakerService } from './saker.service.js';

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
  constructor(private readonly saker: SakerService) {}

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
  async rerun(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AppRequest): Promise<Sak> {
    return this.found(await this.saker.requestLookup(id, actorOf(request.user as AuthUser)));
  }

  @Get(':id/logg')
  @ApiOperation({ summary: 'Every register lookup made for this case (the audit trail)' })
  @ApiNotFoundResponse()
  async logg(@Param('id', new ParseUUIDPipe()) id: string): Promise<AuditLogEntry[]> {
    this.found(await this.saker.get(id));
    return this.saker.auditLog(id);
  }

  private found(sak: Sak | undefined): Sak {
    if (!sak) throw new NotFoundException('No such case');
    return sak;
  }
}

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
  Req,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ZodBody } from '../utils/zod-body.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ROLES, type AppRequest, type AuthUser } from './auth-user.js';
import { Roles } from './roles.decorator.js';
import { UserExistsError, UserNotFoundError, UsersService, UserStateError, type UserSummary } from './users.service.js';

const NyBrukerSchema = z.strictObject({
  navn: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}._-]{2,64}$/u, 'must be 2–64 letters, digits, dots, hyphens or underscores'),
  rolle: z.enum(ROLES),
});

interface BrukerDto {
  id: string;
  navn: string;
  rolle: string;
  opprettet: string;
  deaktivert: string | null;
}

interface BrukerHendelseDto {
  tidspunkt: string;
  actor: string;
  hendelse: string;
}

// The API speaks the domain's Norwegian; the user type is plumbing, in English.
function toDto(user: UserSummary): BrukerDto {
  return {
    id: user.id,
    navn: user.name,
    rolle: user.role,
    opprettet: user.createdAt.toISOString(),
    deaktivert: user.disabledAt?.toISOString() ?? null,
  };
}

/** Service errors as HTTP answers; anything else is a real 500. */
function mapped(error: unknown): never {
  if (error instanceof UserNotFoundError) throw new NotFoundException(error.message);
  if (error instanceof UserStateError || error instanceof UserExistsError) throw new ConflictException(error.message);
  throw error;
}

/**
 * User administration, admin only. Creating, disabling and rotating a key are each written to the
 * append-only `user_events` table in the same transaction, with the admin as the actor.
 */
@ApiTags('brukere')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'Only admin' })
@Controller('api/brukere')
@UseGuards(ApiKeyGuard)
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a user; the API key is shown once' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['navn', 'rolle'],
      properties: { navn: { type: 'string' }, rolle: { enum: ['saksbehandler', 'admin'] } },
    },
  })
  @ApiCreatedResponse({ description: '{ id, navn, rolle, apiKey }' })
  @ApiConflictResponse({ description: 'Name taken' })
  async create(@Body(new ZodBody(NyBrukerSchema)) body: z.infer<typeof NyBrukerSchema>, @Req() request: AppRequest) {
    try {
      const { user, apiKey } = await this.users.create(body.navn, body.rolle, request.user as AuthUser);
      return { id: user.id, navn: user.name, rolle: user.role, apiKey };
    } catch (error) {
      return mapped(error);
    }
  }

  @Get()
  @ApiOperation({ summary: 'Every user, disabled ones included; never a key' })
  @ApiOkResponse({ description: '[{ id, navn, rolle, opprettet, deaktivert }]' })
  async list(): Promise<BrukerDto[]> {
    return (await this.users.list()).map(toDto);
  }

  @Post(':id/deaktiver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a user: its key and web sessions stop working at once (audited)' })
  @ApiOkResponse({ description: '{ id, navn, rolle, opprettet, deaktivert }; the same for one already disabled' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Your own user' })
  async disable(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AppRequest): Promise<BrukerDto> {
    try {
      return toDto(await this.users.disable(id, request.user as AuthUser));
    } catch (error) {
      return mapped(error);
    }
  }

  @Post(':id/ny-nokkel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replace a user’s API key: the old one stops working at once, the new one is shown once (audited)',
  })
  @ApiOkResponse({ description: '{ id, navn, rolle, apiKey }' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The user is disabled' })
  async rotateKey(@Param('id', new ParseUUIDPipe()) id: string, @Req() request: AppRequest) {
    try {
      const { user, apiKey } = await this.users.rotateKey(id, request.user as AuthUser);
      return { id: user.id, navn: user.name, rolle: user.role, apiKey };
    } catch (error) {
      return mapped(error);
    }
  }

  @Get(':id/logg')
  @ApiOperation({ summary: 'Who created, disabled or re-keyed this user, and when' })
  @ApiOkResponse({ description: '[{ tidspunkt, actor, hendelse }]' })
  @ApiNotFoundResponse()
  async events(@Param('id', new ParseUUIDPipe()) id: string): Promise<BrukerHendelseDto[]> {
    try {
      return (await this.users.events(id)).map((event) => ({
        tidspunkt: event.occurred_at.toISOString(),
        actor: event.actor,
        hendelse: event.action,
      }));
    } catch (error) {
      return mapped(error);
    }
  }
}

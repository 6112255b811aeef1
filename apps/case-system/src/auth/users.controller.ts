import { Body, ConflictException, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ZodBody } from '../utils/zod-body.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ROLES } from './auth-user.js';
import { Roles } from './roles.decorator.js';
import { UserExistsError, UsersService } from './users.service.js';

const NyBrukerSchema = z.strictObject({
  navn: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}._-]{2,64}$/u, 'must be 2–64 letters, digits, dots, hyphens or underscores'),
  rolle: z.enum(ROLES),
});

@ApiTags('brukere')
@ApiBearerAuth()
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
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse({ description: 'Only admin' })
  @ApiConflictResponse({ description: 'Name taken' })
  async create(@Body(new ZodBody(NyBrukerSchema)) body: z.infer<typeof NyBrukerSchema>) {
    try {
      const { user, apiKey } = await this.users.create(body.navn, body.rolle);
      // The API speaks the domain's Norwegian; the user type is plumbing, in English.
      return { id: user.id, navn: user.name, rolle: user.role, apiKey };
    } catch (error) {
      if (error instanceof UserExistsError) throw new ConflictException(error.message);
      throw error;
    }
  }
}

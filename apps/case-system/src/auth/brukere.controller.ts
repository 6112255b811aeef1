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
import { ROLLER } from './auth-user.js';
import { Roller } from './roller.decorator.js';
import { UserExistsError, UsersService } from './users.service.js';

const NyBrukerSchema = z.strictObject({
  navn: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}._-]{2,64}$/u, 'must be 2–64 letters, digits, dots, hyphens or underscores'),
  rolle: z.enum(ROLLER as ['saksbehandler', 'admin']),
});

@ApiTags('brukere')
@ApiBearerAuth()
@Controller('api/brukere')
@UseGuards(ApiKeyGuard)
@Roller('admin')
export class BrukereController {
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
      return { ...user, apiKey };
    } catch (error) {
      if (error instanceof UserExistsError) throw new ConflictException(error.message);
      throw error;
    }
  }
}

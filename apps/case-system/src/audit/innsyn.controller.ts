import {
  isValidKjennemerke,
  isValidUnderstellsnummer,
  normaliseKjennemerke,
  normaliseUnderstellsnummer,
} from '@kjoretoyregister/core';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { Roles } from '../auth/roles.decorator.js';
import type { AuditLogEntry } from '../saker/sak.mapper.js';
import { SakerService } from '../saker/saker.service.js';
import { badRequest, problemsOf } from '../utils/zod-body.js';

/** Also the web page's validation (src/web/innsyn.form.ts): one definition of a valid innsyn question. */
export const InnsynQuerySchema = z
  .object({
    kjennemerke: z
      .string()
      .refine((v) => isValidKjennemerke(v), 'must be a plate')
      .transform(normaliseKjennemerke)
      .optional(),
    understellsnummer: z
      .string()
      .refine((v) => isValidUnderstellsnummer(v), 'must be a VIN')
      .transform(normaliseUnderstellsnummer)
      .optional(),
  })
  .refine((q) => q.kjennemerke !== undefined || q.understellsnummer !== undefined, {
    message: 'kjennemerke or understellsnummer is required',
    path: ['kjennemerke'],
  });

/**
 * For a data subject's access request (GDPR art. 15): who looked up this vehicle in the register,
 * when, why and under which legal basis. Admin only: the answer is itself personal data.
 */
@ApiTags('innsyn')
@ApiBearerAuth()
@Controller('api/innsyn')
@UseGuards(ApiKeyGuard)
@Roles('admin')
export class InnsynController {
  constructor(private readonly saker: SakerService) {}

  @Get()
  @ApiOperation({ summary: 'Every register lookup that touched an identifier' })
  @ApiQuery({ name: 'kjennemerke', required: false })
  @ApiQuery({ name: 'understellsnummer', required: false })
  @ApiUnauthorizedResponse()
  @ApiForbiddenResponse({ description: 'Only admin' })
  async innsyn(@Query() query: Record<string, unknown>): Promise<AuditLogEntry[]> {
    const parsed = InnsynQuerySchema.safeParse(query);
    if (!parsed.success) throw badRequest('Invalid query', problemsOf(parsed.error));
    return this.saker.innsyn(parsed.data);
  }
}

import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ConflictException, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { AppRequest } from '../auth/auth-user.js';
import { SakerService, type Received } from '../saker/saker.service.js';
import { badRequest, type Problem } from '../utils/zod-body.js';
import { MottattDto, ObservasjonDto, parseObservasjon } from './observasjon.dto.js';
import { StandardWebhooksGuard } from './standard-webhooks.guard.js';

/**
 * Standard Webhooks sets no length for `webhook-id` (its examples are `msg_` + 27 characters), so
 * this is ours: 256 visible ASCII characters, far under PostgreSQL's index row limit (~2.7 kB),
 * which made a longer id a 500 before.
 */
export const MAX_WEBHOOK_ID_LENGTH = 256;
const WEBHOOK_ID = /^[\x21-\x7e]+$/;

function webhookIdProblems(webhookId: string): Problem[] {
  if (webhookId.length > MAX_WEBHOOK_ID_LENGTH)
    return [{ path: 'headers.webhook-id', message: `must be at most ${MAX_WEBHOOK_ID_LENGTH} characters` }];
  if (!WEBHOOK_ID.test(webhookId))
    return [{ path: 'headers.webhook-id', message: 'must be visible ASCII characters without spaces' }];
  return [];
}

/** How many hex digits of each digest a 409 shows: enough to compare with the sender's log. */
const DIGEST_PREFIX = 12;

function conflict(result: Extract<Received, { kind: 'conflict' }>): ConflictException {
  const first = result.firstBodySha256.slice(0, DIGEST_PREFIX);
  const now = result.bodySha256.slice(0, DIGEST_PREFIX);
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: 'This webhook-id was first received with another body; send a new event with a new webhook-id',
    problems: [
      {
        path: 'headers.webhook-id',
        message: `already used: first body sha256 ${first}…, this body sha256 ${now}…`,
      },
    ],
  });
}

@ApiTags('webhooks')
@Controller('webhooks')
export class ObservasjonerController {
  constructor(private readonly saker: SakerService) {}

  /**
   * Accepts the observation and answers at once: the case and its lookup job are written in one
   * transaction and the register is asked later by the worker, never inside this request.
   */
  @Post('observasjoner')
  @HttpCode(202)
  @UseGuards(StandardWebhooksGuard)
  @ApiOperation({ summary: 'Report an observed vehicle (Standard Webhooks signed)' })
  @ApiHeader({ name: 'webhook-id', required: true })
  @ApiHeader({ name: 'webhook-timestamp', required: true })
  @ApiHeader({ name: 'webhook-signature', required: true })
  @ApiBody({ type: ObservasjonDto })
  @ApiAcceptedResponse({ type: MottattDto, description: 'Case created; Location points to it' })
  @ApiOkResponse({ type: MottattDto, description: 'Redelivery of a known webhook-id: the same case' })
  @ApiBadRequestResponse({ description: '{ message, problems: [{ path, message }] }' })
  @ApiUnauthorizedResponse({ description: 'Bad signature or stale timestamp' })
  @ApiConflictResponse({ description: 'A known webhook-id with another body (both digests named)' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Content-Type is not application/json' })
  async receive(@Req() request: AppRequest, @Res({ passthrough: true }) response: ServerResponse): Promise<MottattDto> {
    const source = request.webhookSource as string;
    const webhookId = request.headers['webhook-id'] as string;
    // The guard only lets a JSON body with a raw copy through.
    const bodySha256 = createHash('sha256')
      .update(request.rawBody ?? Buffer.alloc(0))
      .digest('hex');

    // Every problem at once: the headers' and the body's.
    const headerProblems = webhookIdProblems(webhookId);
    const parsed = parseObservasjon(request.body);
    let result: Received;
    if (parsed.ok && headerProblems.length === 0) {
      result = await this.saker.receiveObservasjon(source, webhookId, bodySha256, parsed.value);
    } else {
      // A redelivery of a known id is answered with its case even if today's rules refuse its
      // body (they may have become stricter since); an id that cannot be stored cannot be known.
      const known = headerProblems.length === 0 ? await this.saker.findByWebhook(source, webhookId) : undefined;
      if (!known) throw badRequest('Invalid observation', [...headerProblems, ...(parsed.ok ? [] : parsed.problems)]);
      result = this.saker.redelivery(known, bodySha256);
    }
    if (result.kind === 'conflict') throw conflict(result);

    response.statusCode = result.kind === 'created' ? 202 : 200;
    const href = `/api/saker/${result.sak.id}`;
    response.setHeader('Location', href);
    return { id: result.sak.id, status: result.sak.status, href };
  }
}

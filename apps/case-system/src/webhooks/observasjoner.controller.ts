import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AppRequest } from '../auth/auth-user.js';
import { SakerService } from '../saker/saker.service.js';
import { badRequest } from '../utils/zod-body.js';
import { MottattDto, ObservasjonDto, parseObservasjon } from './observasjon.dto.js';
import { StandardWebhooksGuard } from './standard-webhooks.guard.js';

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
  async receive(@Req() request: AppRequest, @Res({ passthrough: true }) response: ServerResponse): Promise<MottattDto> {
    const source = request.webhookSource as string;
    const webhookId = request.headers['webhook-id'] as string;

    // A redelivery is answered with its case whatever its body: a valid one finds it through the
    // inbox insert (one statement for a new case), an invalid one through the inbox before the 400.
    const parsed = parseObservasjon(request.body);
    let result;
    if (parsed.ok) {
      result = await this.saker.receiveObservasjon(source, webhookId, parsed.value);
    } else {
      const replayed = await this.saker.findByWebhook(source, webhookId);
      if (!replayed) throw badRequest('Invalid observation', parsed.problems);
      result = { sak: replayed, created: false };
    }

    response.statusCode = result.created ? 202 : 200;
    const href = `/api/saker/${result.sak.id}`;
    response.setHeader('Location', href);
    return { id: result.sak.id, status: result.sak.status, href };
  }
}

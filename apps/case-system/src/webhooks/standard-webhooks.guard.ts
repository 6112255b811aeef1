import {
  Inject,
  Injectable,
  UnauthorizedException,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import type { AppRequest } from '../auth/auth-user.js';

/**
 * Verifies a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`, `webhook-signature`,
 * HMAC-SHA256 over the raw body, timestamp within 5 minutes) against each configured source's
 * secret; the one that verifies names the source. Anything else is 401, without saying why.
 * The media type is checked first: only a JSON body is kept raw for the signature, so another
 * type would otherwise look like a bad signature and send the sender to check its secret.
 */
@Injectable()
export class StandardWebhooksGuard implements CanActivate {
  private readonly sources: { name: string; webhook: Webhook }[];

  constructor(@Inject(CASE_SYSTEM_CONFIG) config: CaseSystemConfig) {
    this.sources = config.webhooks.inbound.map((source) => ({
      name: source.name,
      webhook: new Webhook(source.secret),
    }));
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AppRequest>();
    if (!isJson(request)) throw unsupportedMediaType();
    const headers = {
      'webhook-id': header(request, 'webhook-id'),
      'webhook-timestamp': header(request, 'webhook-timestamp'),
      'webhook-signature': header(request, 'webhook-signature'),
    };
    if (!request.rawBody || Object.values(headers).some((value) => value === '')) throw unauthorized();
    const body = request.rawBody.toString('utf8');
    for (const source of this.sources) {
      try {
        source.webhook.verify(body, headers);
        request.webhookSource = source.name;
        return true;
      } catch {
        // Not this source's signature (or stale); try the next.
      }
    }
    throw unauthorized();
  }
}

function header(request: AppRequest, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}

function isJson(request: AppRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function unsupportedMediaType(): UnsupportedMediaTypeException {
  return new UnsupportedMediaTypeException({
    statusCode: 415,
    error: 'Unsupported Media Type',
    message: 'Content-Type must be application/json',
    problems: [{ path: 'headers.content-type', message: 'must be application/json' }],
  });
}

function unauthorized(): UnauthorizedException {
  return new UnauthorizedException('Invalid webhook signature');
}

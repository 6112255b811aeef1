import { KjoretoyregisterError } from '@kjoretoyregister/core';
import { Catch, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toHttpError } from './kjoretoyregister-error.http.js';

/**
 * Optional: maps core errors to HTTP answers for apps that expose lookups (quota → 503 with
 * `Retry-After`, validation → 400, …; see `toHttpError`). Works on Express and Fastify through
 * the HTTP adapter. Register with `{ provide: APP_FILTER, useClass: KjoretoyregisterExceptionFilter }`,
 * `@UseFilters(KjoretoyregisterExceptionFilter)`, or
 * `app.useGlobalFilters(new KjoretoyregisterExceptionFilter(app.get(HttpAdapterHost)))`.
 */
@Catch(KjoretoyregisterError)
@Injectable()
export class KjoretoyregisterExceptionFilter implements ExceptionFilter<KjoretoyregisterError> {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: KjoretoyregisterError, host: ArgumentsHost): void {
    // Other transports (RPC, WebSockets) have their own error conventions.
    if (host.getType() !== 'http') throw error;
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const mapped = toHttpError(error);
    for (const [name, value] of Object.entries(mapped.headers)) httpAdapter.setHeader(response, name, value);
    httpAdapter.reply(response, mapped.body, mapped.status);
  }
}

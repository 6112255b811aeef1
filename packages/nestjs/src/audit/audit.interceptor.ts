import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable } from 'rxjs';
import { KJORETOYREGISTER_AUDIT_METADATA } from '../kjoretoyregister.constants.js';
import { KJORETOYREGISTER_MODULE_OPTIONS } from '../kjoretoyregister.module-definition.js';
import type { KjoretoyregisterModuleOptions } from '../kjoretoyregister-module-options.interface.js';
import { AuditContextStorage } from './audit-context.storage.js';
import { auditContextFromRequest, type AuditableRequest, type KjoretoyregisterAuditOptions } from './audit-request.js';

/**
 * Applied by `@KjoretoyregisterAudit()`. Routes without the metadata (e.g. when registered as a
 * global interceptor) pass through untouched.
 */
@Injectable()
export class KjoretoyregisterAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly storage: AuditContextStorage,
    @Inject(KJORETOYREGISTER_MODULE_OPTIONS) private readonly options: KjoretoyregisterModuleOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.getAllAndOverride<KjoretoyregisterAuditOptions | undefined>(
      KJORETOYREGISTER_AUDIT_METADATA,
      [context.getHandler(), context.getClass()],
    );
    if (!route || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuditableRequest>();
    const audit = auditContextFromRequest(request, route, this.options.auditRequest);
    // Subscribing inside run() puts the handler, and every promise it starts, in this context.
    return new Observable((subscriber) => this.storage.run(audit, () => next.handle().subscribe(subscriber)));
  }
}

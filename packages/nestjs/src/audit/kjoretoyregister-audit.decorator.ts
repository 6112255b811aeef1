import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { KJORETOYREGISTER_AUDIT_METADATA } from '../kjoretoyregister.constants.js';
import type { KjoretoyregisterAuditOptions } from './audit-request.js';
import { KjoretoyregisterAuditInterceptor } from './audit.interceptor.js';

export type { KjoretoyregisterAuditOptions } from './audit-request.js';

/**
 * Marks a controller or route whose register lookups must be audited: the interceptor puts
 * `{ actor: req.user, purpose, legalBasis, caseRef }` in scope for every `KjoretoyregisterService`
 * call made while the request is handled.
 */
export function KjoretoyregisterAudit(options: KjoretoyregisterAuditOptions): MethodDecorator & ClassDecorator {
  for (const key of ['purpose', 'legalBasis'] as const) {
    if (typeof options?.[key] !== 'string' || options[key].trim() === '') {
      throw new TypeError(`@KjoretoyregisterAudit(): ${key} must be a non-empty string`);
    }
  }
  return applyDecorators(
    SetMetadata(KJORETOYREGISTER_AUDIT_METADATA, Object.freeze({ ...options })),
    UseInterceptors(KjoretoyregisterAuditInterceptor),
  );
}

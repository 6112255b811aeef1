import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { KJORETOYREGISTER_AUDIT_METADATA } from '../kjoretoyregister.constants.js';
import { KjoretoyregisterAuditInterceptor } from './audit.interceptor.js';

/** What a route declares about the lookups it makes; the actor and case come from the request. */
export interface KjoretoyregisterAuditOptions {
  /** Why, e.g. `HENSATT_KJORETOY`. */
  purpose: string;
  /** Legal basis, e.g. `vegtrafikkloven § 37`. */
  legalBasis: string;
  /** Route parameter with the case reference; overrides the module's `auditRequest.caseRefParam`. */
  caseRefParam?: string;
  /** Header with the case reference; overrides the module's `auditRequest.caseRefHeader`. */
  caseRefHeader?: string;
}

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

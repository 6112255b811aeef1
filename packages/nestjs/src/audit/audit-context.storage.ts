import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditContext } from '@kjoretoyregister/core';
import { Injectable } from '@nestjs/common';

/**
 * Carries the audit context of the current HTTP request to every `KjoretoyregisterService` call
 * made while handling it, however deep in the app's own services (no context parameter threading).
 */
@Injectable()
export class AuditContextStorage {
  private readonly storage = new AsyncLocalStorage<Partial<AuditContext>>();

  /** Runs `fn` with `context` as the current audit context. */
  run<T>(context: Partial<AuditContext>, fn: () => T): T {
    return this.storage.run(Object.freeze({ ...context }), fn);
  }

  /** The current request's context, or undefined outside a `@KjoretoyregisterAudit()` route. */
  current(): Partial<AuditContext> | undefined {
    return this.storage.getStore();
  }

  /**
   * Merges a call's own context over the request's: an explicit per-call field wins, an
   * undefined one does not erase the request's.
   */
  merge(explicit: Partial<AuditContext> | undefined): Partial<AuditContext> | undefined {
    const current = this.current();
    if (!current) return explicit;
    const merged: Partial<AuditContext> = { ...current };
    for (const [key, value] of Object.entries(explicit ?? {}) as [keyof AuditContext, string | undefined][]) {
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
}

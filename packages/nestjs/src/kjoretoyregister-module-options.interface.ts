import type { ClientOptions } from '@kjoretoyregister/core';

/** Which transport carries core's requests when no `transport` is injected. */
export type TransportAdapter = 'http-service' | 'fetch';

/** Where the audit interceptor finds who asks and for which case. */
export interface AuditRequestOptions {
  /** Route parameter holding the case reference. Default `caseRef`. */
  caseRefParam?: string;
  /** Request header holding the case reference, checked when the route has no such param. Default `x-case-ref`. */
  caseRefHeader?: string;
  /**
   * Picks the actor from the authenticated user your guard put on `req.user`. The default takes a
   * string user as is, else `id`, `sub`, `username` or `userId`, in that order.
   */
  actorOf?: (user: unknown) => string | undefined;
}

/** Options that exist only in the Nest module; everything else is core's `ClientOptions`, unchanged. */
export interface KjoretoyregisterModuleExtras {
  /**
   * `'http-service'` (default) sends core's requests through `@nestjs/axios`'s `HttpService`, so
   * the app's axios interceptors, proxy and timeout apply. `'fetch'` uses core's own fetch
   * transport. An injected core `transport` wins over both.
   */
  transportAdapter?: TransportAdapter;
  /** Defaults for `@KjoretoyregisterAudit()` routes. */
  auditRequest?: AuditRequestOptions;
}

/** Core's options (preset first, then overrides and injectables) plus the module extras. */
export type KjoretoyregisterModuleOptions = ClientOptions & KjoretoyregisterModuleExtras;

const EXTRA_KEYS = ['transportAdapter', 'auditRequest'] as const satisfies ReadonlyArray<
  keyof KjoretoyregisterModuleExtras
>;

/** Splits module options into what core validates (strictly: unknown keys are rejected) and the extras. */
export function splitModuleOptions(options: KjoretoyregisterModuleOptions): {
  client: ClientOptions;
  extras: KjoretoyregisterModuleExtras;
} {
  const client: Record<string, unknown> = { ...options };
  const extras: Record<string, unknown> = {};
  for (const key of EXTRA_KEYS) {
    if (key in client) {
      extras[key] = client[key];
      delete client[key];
    }
  }
  return { client: client as ClientOptions, extras: extras as KjoretoyregisterModuleExtras };
}

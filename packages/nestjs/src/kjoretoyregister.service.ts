import type {
  AccessToken,
  BulkInput,
  CallOptions,
  ClientSummary,
  KjoretoyregisterClient,
  KjoretoyResponse,
  KjoretoysokResponse,
  LookupOutcome,
  PagedSokEndpoint,
  SokEndpoint,
  SokParams,
  SokResult,
  VinLookupResult,
} from '@kjoretoyregister/core';
import { Inject, Injectable } from '@nestjs/common';
import { AuditContextStorage } from './audit/audit-context.storage.js';
import { KJORETOYREGISTER_CLIENT } from './kjoretoyregister.constants.js';

/**
 * Every core operation, for injection into the app's own services. It only delegates: the one
 * thing it adds is the audit context of the current `@KjoretoyregisterAudit()` request, under the
 * call's own `audit` option (explicit fields win).
 */
@Injectable()
export class KjoretoyregisterService {
  constructor(
    @Inject(KJORETOYREGISTER_CLIENT) private readonly client: KjoretoyregisterClient,
    private readonly auditContext: AuditContextStorage,
  ) {}

  /** Non-secret view of the effective configuration. */
  get config(): ClientSummary {
    return this.client.config;
  }

  /** B1: one outcome per plate, in input order; a bad plate is an `invalid` outcome, not a throw. */
  lookupKjennemerke(items: ReadonlyArray<BulkInput>, options?: CallOptions): Promise<LookupOutcome[]> {
    return this.client.lookupKjennemerke(items, this.withAudit(options));
  }

  /** B2: one outcome per kuid, in input order. */
  lookupKuid(items: ReadonlyArray<BulkInput>, options?: CallOptions): Promise<LookupOutcome[]> {
    return this.client.lookupKuid(items, this.withAudit(options));
  }

  /** B3: a VIN can match several vehicles, so the result always holds a list. */
  lookupUnderstellsnummer(understellsnummer: string, options?: CallOptions): Promise<VinLookupResult> {
    return this.client.lookupUnderstellsnummer(understellsnummer, this.withAudit(options));
  }

  /** One page of a `sok/*` search. */
  sok<E extends SokEndpoint>(endpoint: E, params: SokParams[E], options?: CallOptions): Promise<SokResult<E>> {
    return this.client.sok(endpoint, params, this.withAudit(options));
  }

  /** Every page of an S1–S6 search, fetched as you iterate. */
  sokPages<E extends PagedSokEndpoint>(
    endpoint: E,
    params: SokParams[E],
    options?: CallOptions,
  ): AsyncIterable<KjoretoysokResponse> {
    return this.client.sokPages(endpoint, params, this.withAudit(options));
  }

  /** Every hit of an S1–S6 search. */
  sokAll<E extends PagedSokEndpoint>(
    endpoint: E,
    params: SokParams[E],
    options?: CallOptions,
  ): Promise<KjoretoyResponse[]> {
    return this.client.sokAll(endpoint, params, this.withAudit(options));
  }

  /** A cached Maskinporten token, for diagnostics. Never log its value. */
  getAccessToken(options?: { signal?: AbortSignal }): Promise<AccessToken> {
    return this.client.getAccessToken(options);
  }

  private withAudit(options: CallOptions | undefined): CallOptions {
    const audit = this.auditContext.merge(options?.audit);
    return audit === undefined ? { ...options } : { ...options, audit };
  }
}

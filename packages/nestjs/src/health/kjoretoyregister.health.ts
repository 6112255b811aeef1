import type { AuditContext, KjoretoyregisterClient } from '@kjoretoyregister/core';
import { isKjoretoyregisterError } from '@kjoretoyregister/core';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KJORETOYREGISTER_CLIENT } from '../kjoretoyregister.constants.js';

/** A Fiks call the app considers harmless; it fails the check by throwing. */
export type FiksProbe = (client: KjoretoyregisterClient, signal: AbortSignal) => Promise<unknown>;

export interface KjoretoyregisterHealthCheckOptions {
  /** The whole check is aborted after this long. Default 5000 ms. */
  timeoutMs?: number;
  /**
   * Off by default: the check then only needs a Maskinporten token (cached between checks) and
   * never touches Fiks or the lookup quota. `true` adds one bulk lookup of a plate that does not
   * exist (`XX99999`, docs/contract.md#s6), which proves the integration, its password and its access
   * without returning register data; where the upstream counts looked-up items it costs one per
   * check, so keep it to an infrequent readiness probe. A function runs your own probe instead.
   */
  fiksProbe?: boolean | FiksProbe;
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 5_000;
/** docs/contract.md#s6: `XX99999` does not exist and is the standard not-found probe. */
export const NOT_FOUND_PROBE_KJENNEMERKE = 'XX99999';
/** The probe is a register call too, so it is audited under its own name. */
export const HEALTH_PROBE_AUDIT: AuditContext = {
  actor: 'kjoretoyregister-health-indicator',
  purpose: 'HEALTH_CHECK',
  legalBasis: 'operations: not-found probe, returns no register data',
};

/**
 * Terminus 11 or 12 indicator (`HealthIndicatorService`). Provide it next to `TerminusModule` in the
 * module that holds your health controller; it needs `KJORETOYREGISTER_CLIENT`, so register
 * `KjoretoyregisterModule` with `isGlobal: true` or in that same module.
 */
@Injectable()
export class KjoretoyregisterHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(KJORETOYREGISTER_CLIENT) private readonly client: KjoretoyregisterClient,
  ) {}

  async isHealthy<const Key extends string>(
    key: Key,
    options: KjoretoyregisterHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS);
    const environment = this.client.config.environment;
    try {
      // The token value never leaves this line.
      await this.client.getAccessToken({ signal });
    } catch (error) {
      return indicator.down({ environment, failed: 'maskinporten-token', ...describe(error) });
    }
    const probe = options.fiksProbe === true ? notFoundProbe : options.fiksProbe || undefined;
    if (probe) {
      try {
        await probe(this.client, signal);
      } catch (error) {
        return indicator.down({ environment, token: 'acquired', failed: 'fiks', ...describe(error) });
      }
    }
    return indicator.up({ environment, token: 'acquired', fiks: probe ? 'reachable' : 'not checked' });
  }
}

/** Bulk lookups report upstream failures per item; the probe turns that item's error back into a throw. */
export const notFoundProbe: FiksProbe = async (client, signal) => {
  const [outcome] = await client.lookupKjennemerke([NOT_FOUND_PROBE_KJENNEMERKE], {
    signal,
    audit: HEALTH_PROBE_AUDIT,
  });
  if (outcome?.status === 'error' || outcome?.status === 'invalid')
    throw outcome.error ?? new Error(`probe ${outcome.status}`);
};

/** Code and message only: core messages carry no secrets or identifiers; causes may. */
function describe(error: unknown): { code: string; message: string } {
  if (isKjoretoyregisterError(error)) return { code: error.code, message: error.message };
  return { code: 'UNKNOWN', message: error instanceof Error ? error.name : 'unknown error' };
}

import type { AuditContext, KjoretoyregisterClient } from '@kjoretoyregister/core';
import { isKjoretoyregisterError, PROBE_KJENNEMERKE, probeFiks } from '@kjoretoyregister/core';
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
   * never touches Fiks. `true` adds core's `probeFiks`: one exact search for `XX99999`, a plate
   * that does not exist (docs/contract.md#s6). It proves the integration, its password and its
   * access without returning register data, and a search spends no lookup quota. A function runs
   * your own probe instead.
   */
  fiksProbe?: boolean | FiksProbe;
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 5_000;
/** @deprecated Use `PROBE_KJENNEMERKE` from `@kjoretoyregister/core`; removed in 0.2.0. */
export const NOT_FOUND_PROBE_KJENNEMERKE = PROBE_KJENNEMERKE;
/** The probe is a register call too: audited under the indicator's name, over core's `PROBE_AUDIT_CONTEXT`. */
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

/** `fiksProbe: true`: core's `probeFiks`, its failed answer thrown like any other probe's failure. */
export const notFoundProbe: FiksProbe = async (client, signal) => {
  const result = await probeFiks(client, { signal, audit: HEALTH_PROBE_AUDIT });
  if (!result.ok) throw result.error;
};

/** Code and message only: core messages carry no secrets or identifiers; causes may. */
function describe(error: unknown): { code: string; message: string } {
  if (isKjoretoyregisterError(error)) return { code: error.code, message: error.message };
  return { code: 'UNKNOWN', message: error instanceof Error ? error.name : 'unknown error' };
}

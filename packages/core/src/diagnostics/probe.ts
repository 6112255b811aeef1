/**
 * The one "does Fiks answer?" probe, for health checks, `kjoretoy doctor`, the n8n credential test
 * and n8n's token refresh: an exact S1 search (`sok/kjennemerke`, docs/contract.md#s4.3) for the
 * plate docs/contract.md#s6 names as the standard not-found probe, one row. A search, not a bulk
 * lookup, so it spends no lookup quota (docs/contract.md#s9.8); a plate, not a name, so the
 * audited query holds no personal data; a GET, so it is safe to retry. An answer, even "no hits",
 * proves the token, the integration, its password and its access to this fiksOrgId.
 */

import type { KjoretoyregisterClient } from '../client-core.js';
import { KJORETOYREGISTER_BASE_PATH, SVV_PATH_PREFIX } from '../config/presets.js';
import { isKjoretoyregisterError, type AnyKjoretoyregisterError } from '../errors.js';
import type { AuditContext } from '../observability/audit.js';

/** docs/contract.md#s6: a plate that does not exist. */
export const PROBE_KJENNEMERKE = 'XX99999';

/** The one probe: an exact S1 search for the not-found plate; spends no lookup quota. */
export const FIKS_PROBE: {
  readonly endpoint: 'kjennemerke';
  readonly params: { readonly kjennemerke: typeof PROBE_KJENNEMERKE; readonly antall: 1 };
} = Object.freeze({
  endpoint: 'kjennemerke',
  params: Object.freeze({ kjennemerke: PROBE_KJENNEMERKE, antall: 1 }),
});

/**
 * Full URL of the probe, for hosts that send it themselves (n8n's token refresh): the same route
 * and parameters the client sends for `FIKS_PROBE`.
 */
export function fiksProbeUrl(target: { fiksApiUrl: string; fiksOrgId: string }): string {
  const host = target.fiksApiUrl.replace(/\/+$/, '');
  const query = new URLSearchParams(
    Object.entries(FIKS_PROBE.params).map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  return `${host}${KJORETOYREGISTER_BASE_PATH}/${encodeURIComponent(target.fiksOrgId)}${SVV_PATH_PREFIX}/sok/${FIKS_PROBE.endpoint}?${query}`;
}

/** The probe is a register call too, so it is audited, under its own name. */
export const PROBE_AUDIT_CONTEXT: Readonly<AuditContext> = Object.freeze({
  actor: 'kjoretoyregister-probe',
  purpose: 'HEALTH_CHECK',
  legalBasis: 'operations: not-found probe, returns no register data',
});

/**
 * A failed probe's `error` carries its `requestId` for support. On success `requestId` stays
 * unset for now: the client's search page does not report its request id.
 */
export type FiksProbeResult = { ok: true; requestId?: string } | { ok: false; error: AnyKjoretoyregisterError };

export interface ProbeFiksOptions {
  signal?: AbortSignal;
  /** Merged over `PROBE_AUDIT_CONTEXT` (e.g. the CLI user's `actor`); `undefined` values are ignored. */
  audit?: Partial<AuditContext>;
}

/**
 * Sends `FIKS_PROBE` through the client: its token, retries and error mapping, audited like any
 * other call. A core error is the answer (`{ ok: false, error }`); anything else is a bug and
 * is rethrown.
 */
export async function probeFiks(
  client: Pick<KjoretoyregisterClient, 'sok'>,
  options: ProbeFiksOptions = {},
): Promise<FiksProbeResult> {
  const audit: Partial<AuditContext> = { ...PROBE_AUDIT_CONTEXT };
  for (const [field, value] of Object.entries(options.audit ?? {})) {
    if (value !== undefined) Object.assign(audit, { [field]: value });
  }
  try {
    await client.sok(FIKS_PROBE.endpoint, FIKS_PROBE.params, {
      audit,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { ok: true };
  } catch (error) {
    if (isKjoretoyregisterError(error)) return { ok: false, error };
    throw error;
  }
}

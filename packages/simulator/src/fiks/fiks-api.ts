import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { REQUEST_ID_HEADER, type ServedRequestLog } from '../admin/served-requests.js';
import type { StatsRecorder } from '../admin/stats-recorder.js';
import {
  GJENSTAENDE_KVOTE_HEADER,
  QUOTA_EXCEEDED_MESSAGE,
  QUOTA_EXCEEDED_STATUS,
  RATE_LIMITED_STATUS,
  RETRY_AFTER_HEADER,
  SVVGUID_HEADER,
  svvErrorBody,
} from '../contract-assumptions.js';
import type { Register } from '../data/register.js';
import { DEFAULT_SLOW_BODY_CHUNKS, type Faults, type ServerErrorStatus } from '../faults/faults.js';
import type { FaultController } from '../faults/fault-controller.js';
import { secondsUntilOsloMidnight } from '../faults/oslo-time.js';
import type { UsageLimits } from '../faults/usage-limits.js';
import {
  jsonResponse,
  textResponse,
  type BodyDelivery,
  type RouteOutcome,
  type SimResponse,
} from '../http/sim-response.js';
import { handleSvvRequest } from '../svv/handler.js';
import { authenticateFiks, type FiksAuthDeps } from './fiks-auth.js';
import { fiksRouteTemplate } from './fiks-paths.js';
import { RATE_LIMITED_MESSAGE, fiksError } from './fiks-error.js';

export interface FiksApiDeps extends FiksAuthDeps {
  faults: FaultController;
  limits: UsageLimits;
  stats: StatsRecorder;
  served: ServedRequestLog;
  register: Register;
  maxBulkSize: number;
}

interface FiksApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string | undefined;
  fiksOrgId: string;
  svvPath: string | undefined;
  nowMs: number;
  requestFaults: Faults | undefined;
}

/** A Kjøretøyregister call: Fiks auth (docs/contract.md#s3), platform faults (docs/contract.md#s7e and docs/contract.md#s7f), then the SVV handler. */
export async function handleFiksRequest(deps: FiksApiDeps, req: FiksApiRequest): Promise<RouteOutcome> {
  const { faults } = deps;
  const auth = await authenticateFiks(deps, {
    headers: req.headers,
    fiksOrgId: req.fiksOrgId,
    path: req.path,
    nowMs: req.nowMs,
    revokedByFault: () => faults.fire('tokenRevoked', req.requestFaults) !== undefined,
  });
  if (!auth.ok) return auth.response;
  const { integrasjonId } = auth;
  deps.stats.integrationRequest(integrasjonId);
  if (req.svvPath === undefined) return textResponse(404, 'Not Found');

  const fault = platformFault(deps, req, integrasjonId);
  if (fault) return fault;

  const quota = faults.setting('quota', req.requestFaults);
  if (quota && !deps.limits.consume(integrasjonId, 0, quota.dailyItems, req.nowMs).allowed) {
    deps.stats.fault('quota');
    return quotaExceeded(req.nowMs);
  }

  const result = await handleSvvRequest(
    deps.register,
    { method: req.method, path: req.svvPath, query: req.query, ...(req.body === undefined ? {} : { body: req.body }) },
    { maxBulkSize: deps.maxBulkSize, now: () => new Date(req.nowMs) },
  );
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  if (quota) {
    const decision = deps.limits.consume(integrasjonId, result.itemsLookedUp, quota.dailyItems, req.nowMs);
    if (!decision.allowed) {
      deps.stats.fault('quota');
      return quotaExceeded(req.nowMs);
    }
    headers[GJENSTAENDE_KVOTE_HEADER] = String(decision.remaining);
  }
  deps.stats.itemsLookedUp(integrasjonId, result.itemsLookedUp);
  deps.served.record(
    `${req.method} ${fiksRouteTemplate(req.svvPath)}`,
    req.headers[REQUEST_ID_HEADER],
    result.status,
    result.itemsLookedUp,
  );

  const response: SimResponse =
    result.body === undefined ? { status: result.status, headers } : jsonResponse(result.status, result.body, headers);
  if (response.body !== undefined) {
    const delivery = bodyFaults(faults, req.requestFaults);
    if (delivery) response.delivery = delivery;
  }
  return response;
}

/** Faults that replace the answer before the SVV handler runs (nothing is looked up, no quota spent). */
function platformFault(deps: FiksApiDeps, req: FiksApiRequest, integrasjonId: string): RouteOutcome | undefined {
  const { faults } = deps;
  const rf = req.requestFaults;
  if (faults.fire('connectionReset', rf)) return { reset: true };
  const serverError = faults.fire('serverError', rf);
  if (serverError) return svvServerError(serverError.status);
  const rateLimited = faults.fire('rateLimited', rf);
  if (rateLimited) return rateLimit(req, rateLimited.retryAfterSeconds);
  const burst = faults.setting('burstLimit', rf);
  if (burst) {
    const retryAfter = deps.limits.burst(integrasjonId, burst.requests, burst.windowSeconds, req.nowMs);
    if (retryAfter !== undefined) {
      deps.stats.fault('burstLimit');
      return rateLimit(req, retryAfter);
    }
  }
  if (faults.fire('quotaExceeded', rf)) return quotaExceeded(req.nowMs);
  return undefined;
}

function bodyFaults(faults: FaultController, rf: Faults | undefined): BodyDelivery | undefined {
  const delivery: BodyDelivery = {};
  if (faults.fire('truncatedJson', rf)) delivery.truncate = true;
  if (faults.fire('malformedJson', rf)) delivery.malform = true;
  const slow = faults.fire('slowBody', rf);
  if (slow) delivery.slow = { chunkDelayMs: slow.chunkDelayMs, chunks: slow.chunks ?? DEFAULT_SLOW_BODY_CHUNKS };
  return Object.keys(delivery).length > 0 ? delivery : undefined;
}

const SERVER_ERROR_KODE: Record<ServerErrorStatus, { kode: string; beskrivelse: string }> = {
  500: { kode: 'INTERN_FEIL', beskrivelse: 'Intern feil i tjenesten' },
  502: { kode: 'UGYLDIG_SVAR_FRA_BAKSYSTEM', beskrivelse: 'Ugyldig svar fra baksystem' },
  503: { kode: 'TJENESTEN_ER_UTILGJENGELIG', beskrivelse: 'Tjenesten er midlertidig utilgjengelig' },
};

/** CONTRACT-ASSUMPTION (f): SVV error JSON with `svvguid`, also as a header. */
function svvServerError(status: ServerErrorStatus): SimResponse {
  const svvguid = randomUUID();
  return jsonResponse(status, svvErrorBody(svvguid, [SERVER_ERROR_KODE[status]]), { [SVVGUID_HEADER]: svvguid });
}

function rateLimit(req: FiksApiRequest, retryAfterSeconds: number): SimResponse {
  return fiksError(RATE_LIMITED_STATUS, req.path, RATE_LIMITED_MESSAGE, req.nowMs, {
    [RETRY_AFTER_HEADER]: String(Math.ceil(retryAfterSeconds)),
  });
}

/** CONTRACT-ASSUMPTION (e): 422, Retry-After until Oslo midnight, the successor's plain-string body. */
function quotaExceeded(nowMs: number): SimResponse {
  return textResponse(QUOTA_EXCEEDED_STATUS, QUOTA_EXCEEDED_MESSAGE, {
    [RETRY_AFTER_HEADER]: String(secondsUntilOsloMidnight(nowMs)),
    [GJENSTAENDE_KVOTE_HEADER]: '0',
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_PREFIX, handleAdminRequest, type AdminOperations } from '../admin/admin-api.js';
import type { StatsRecorder } from '../admin/stats-recorder.js';
import type { Clock } from '../clock.js';
import type { FaultController } from '../faults/fault-controller.js';
import { FAULT_HEADER, parseFaultHeader } from '../faults/fault-header.js';
import type { Faults } from '../faults/faults.js';
import { FaultConfigError } from '../faults/validate-faults.js';
import { handleFiksRequest, type FiksApiDeps } from '../fiks/fiks-api.js';
import { fiksRouteTemplate, parseFiksPath } from '../fiks/fiks-paths.js';
import { reject } from '../maskinporten/grant-rejection.js';
import { JWKS_PATH, TOKEN_PATH, WELL_KNOWN_PATH, jwks, wellKnownMetadata } from '../maskinporten/metadata.js';
import type { SigningKey } from '../maskinporten/signing-key.js';
import { handleTokenRequest, type TokenEndpointDeps } from '../maskinporten/token-endpoint.js';
import { BodyTooLargeError, readBody } from './read-body.js';
import { jsonResponse, textResponse, type RouteOutcome } from './sim-response.js';
import type { Sleeper } from './sleeper.js';
import { writeOutcome } from './write-response.js';

interface RouterDeps {
  issuer: string;
  baseClock: Clock;
  random: () => number;
  signingKey: SigningKey;
  faults: FaultController;
  stats: StatsRecorder;
  sleeper: Sleeper;
  admin: AdminOperations;
  token: TokenEndpointDeps;
  fiks: FiksApiDeps;
}

interface Routed {
  /** Stats key: method + route template. */
  key: string;
  handle: (ctx: RequestContext) => Promise<RouteOutcome>;
  /** Latency applies to Maskinporten and Fiks calls, not to metadata. */
  delayed: boolean;
}

interface RequestContext {
  req: IncomingMessage;
  url: URL;
  nowMs: number;
  requestFaults: Faults | undefined;
}

/** One listener for Maskinporten, Fiks and the admin API on a single URL. */
export function createRequestListener(deps: RouterDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    dispatch(deps, req, res).catch((err: unknown) => {
      // Cancelled waits on stop() land here too; the socket is already going away.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Internal simulator error');
      } else {
        res.destroy();
      }
      // A client that hung up mid-request (aborted body, reset) is not a simulator fault.
      const clientGone = req.destroyed || (err as { code?: unknown } | null)?.code === 'ECONNRESET';
      if (!clientGone && !(err instanceof Error && err.name === 'AbortError')) {
        console.error(
          `kjoretoyregister-simulator: internal error: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    });
  };
}

async function dispatch(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith(ADMIN_PREFIX)) {
    const body = await readBody(req);
    await writeOutcome(
      res,
      handleAdminRequest(deps.admin, { method, pathname: url.pathname, remoteAddress: req.socket.remoteAddress, body }),
      deps.sleeper,
    );
    return;
  }

  const routed = route(deps, method, url.pathname);
  let outcome: RouteOutcome;
  let requestFaults: Faults | undefined;
  try {
    const header = req.headers[FAULT_HEADER];
    requestFaults = typeof header === 'string' ? parseFaultHeader(header) : undefined;
  } catch (err) {
    if (!(err instanceof FaultConfigError)) throw err;
    outcome = textResponse(400, err.message);
    deps.stats.route(routed.key, await writeOutcome(res, outcome, deps.sleeper));
    return;
  }
  if (routed.delayed) await addLatency(deps, requestFaults);
  const skewSeconds = deps.faults.setting('clockSkewSeconds', requestFaults) ?? 0;
  const ctx: RequestContext = { req, url, nowMs: deps.baseClock() + skewSeconds * 1000, requestFaults };
  try {
    outcome = await routed.handle(ctx);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    outcome = textResponse(413, err.message);
  }
  deps.stats.route(routed.key, await writeOutcome(res, outcome, deps.sleeper));
}

function route(deps: RouterDeps, method: string, pathname: string): Routed {
  const key = (template: string) => `${method} ${template}`;
  if (pathname === WELL_KNOWN_PATH && method === 'GET') {
    return {
      key: key(pathname),
      delayed: false,
      handle: async () => jsonResponse(200, wellKnownMetadata(deps.issuer)),
    };
  }
  if (pathname === JWKS_PATH && method === 'GET') {
    return { key: key(pathname), delayed: false, handle: async () => jsonResponse(200, jwks(deps.signingKey)) };
  }
  if (pathname === TOKEN_PATH) {
    if (method !== 'POST') {
      return {
        key: key(pathname),
        delayed: false,
        handle: async () => textResponse(405, 'Method Not Allowed', { allow: 'POST' }),
      };
    }
    return { key: key(pathname), delayed: true, handle: (ctx) => token(deps, ctx) };
  }
  const fiksPath = parseFiksPath(pathname);
  if (fiksPath) {
    return {
      key: key(fiksRouteTemplate(fiksPath.svvPath)),
      delayed: true,
      handle: async (ctx) =>
        handleFiksRequest(deps.fiks, {
          method,
          path: pathname,
          query: ctx.url.searchParams,
          headers: ctx.req.headers,
          body: method === 'GET' || method === 'HEAD' ? undefined : await readBody(ctx.req),
          fiksOrgId: fiksPath.fiksOrgId,
          svvPath: fiksPath.svvPath,
          nowMs: ctx.nowMs,
          requestFaults: ctx.requestFaults,
        }),
    };
  }
  // docs/contract.md#s4.6: unknown paths get a plain 404.
  return { key: key('{unmatched}'), delayed: false, handle: async () => textResponse(404, 'Not Found') };
}

async function token(deps: RouterDeps, ctx: RequestContext): Promise<RouteOutcome> {
  const body = await readBody(ctx.req);
  if (deps.faults.fire('tokenEndpointDown', ctx.requestFaults)) {
    const down = reject.temporarilyUnavailable();
    deps.stats.tokenRequest(down.statsKey);
    return down.toResponse();
  }
  const outcome = await handleTokenRequest(deps.token, {
    contentType: ctx.req.headers['content-type'],
    body,
    nowMs: ctx.nowMs,
  });
  deps.stats.tokenRequest(outcome.rejection);
  return outcome.response;
}

async function addLatency(deps: RouterDeps, requestFaults: Faults | undefined): Promise<void> {
  const latency = deps.faults.setting('latency', requestFaults);
  if (!latency) return;
  const jitter = latency.jitterMs ? Math.round(deps.random() * latency.jitterMs) : 0;
  const ms = latency.fixedMs + jitter;
  deps.stats.fault('latency');
  deps.stats.latency(ms);
  await deps.sleeper.sleep(ms);
}

import type { Faults } from '../faults/faults.js';
import { FaultConfigError, validateFaults } from '../faults/validate-faults.js';
import type { IntegrationRegistration } from '../fiks/integration-registry.js';
import { emptyResponse, jsonResponse, textResponse, type SimResponse } from '../http/sim-response.js';
import type { ClientRegistration } from '../maskinporten/client-registry.js';
import { isLoopbackAddress } from './loopback.js';
import type { ServedRequests } from './served-requests.js';
import type { SimulatorStats } from './stats-recorder.js';

export const ADMIN_PREFIX = '/__admin/';

/** The same operations `startSimulator()` returns; the admin API is a thin HTTP face on them. */
export interface AdminOperations {
  stats(): SimulatorStats;
  servedRequests(): ServedRequests;
  reset(): void;
  faults(): Faults;
  setFaults(faults: Faults): void;
  registerClient(client: ClientRegistration): void;
  registerIntegration(integration: IntegrationRegistration): void;
  revokeTokens(): number;
}

interface AdminRequest {
  method: string;
  pathname: string;
  remoteAddress: string | undefined;
  body: string;
}

/** `/__admin/*`, loopback callers only (a simulator bound to 0.0.0.0 must not be steerable from outside). */
export function handleAdminRequest(ops: AdminOperations, req: AdminRequest): SimResponse {
  if (!isLoopbackAddress(req.remoteAddress)) return textResponse(403, 'The admin API accepts loopback callers only');
  const route = `${req.method} ${req.pathname.slice(ADMIN_PREFIX.length - 1)}`;
  try {
    switch (route) {
      case 'GET /stats':
        return jsonResponse(200, ops.stats());
      case 'GET /served-requests':
        return jsonResponse(200, ops.servedRequests());
      case 'POST /reset':
        ops.reset();
        return emptyResponse(204);
      case 'GET /faults':
        return jsonResponse(200, ops.faults());
      case 'PUT /faults':
        ops.setFaults(validateFaults(parseJson(req.body)));
        return jsonResponse(200, ops.faults());
      case 'POST /clients':
        ops.registerClient(parseJson(req.body) as ClientRegistration);
        return emptyResponse(201);
      case 'POST /integrations':
        ops.registerIntegration(parseJson(req.body) as IntegrationRegistration);
        return emptyResponse(201);
      case 'POST /revoke-tokens':
        return jsonResponse(200, { revoked: ops.revokeTokens() });
      default:
        return textResponse(404, 'Unknown admin route');
    }
  } catch (err) {
    if (err instanceof FaultConfigError || err instanceof TypeError || err instanceof SyntaxError) {
      return jsonResponse(400, { error: err.message });
    }
    throw err;
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new SyntaxError('request body must be JSON');
  }
}

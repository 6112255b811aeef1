import type { KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SimResponse } from '../http/sim-response.js';
import type { TokenLedger } from '../maskinporten/token-ledger.js';
import { verifyAccessToken } from './bearer-token.js';
import { FORBIDDEN_MESSAGE, TOKEN_REJECTED_MESSAGE, fiksError, integrationRejectedMessage } from './fiks-error.js';
import type { IntegrationRegistry } from './integration-registry.js';

export interface FiksAuthDeps {
  publicKey: KeyObject;
  issuer: string;
  integrations: IntegrationRegistry;
  ledger: TokenLedger;
}

interface FiksAuthRequest {
  headers: IncomingHttpHeaders;
  fiksOrgId: string;
  path: string;
  nowMs: number;
  /** Asked only for an otherwise valid token, so the fault's counters see only those. */
  revokedByFault: () => boolean;
}

type FiksAuthResult = { ok: true; integrasjonId: string } | { ok: false; response: SimResponse };

/** The three preconditions, in order: token → integration → access (docs/contract.md#s3.3, docs/contract.md#s3.5). */
export async function authenticateFiks(deps: FiksAuthDeps, request: FiksAuthRequest): Promise<FiksAuthResult> {
  const fail = (status: number, message: string): FiksAuthResult => ({
    ok: false,
    response: fiksError(status, request.path, message, request.nowMs),
  });

  const token = await verifyAccessToken(header(request.headers, 'authorization'), {
    publicKey: deps.publicKey,
    issuer: deps.issuer,
    nowMs: request.nowMs,
  });
  if (!token || (token.jti !== undefined && deps.ledger.isRevoked(token.jti)) || request.revokedByFault()) {
    return fail(401, TOKEN_REJECTED_MESSAGE);
  }

  const integrasjonId = header(request.headers, 'integrasjonid') ?? '';
  const integration = deps.integrations.authenticate(
    integrasjonId,
    header(request.headers, 'integrasjonpassord') ?? '',
  );
  // One message for unknown id, wrong password and org mismatch: "Fiks sier ikke hvilken".
  if (!integration || integration.orgnr !== token.consumerOrgnr) {
    return fail(401, integrationRejectedMessage(integrasjonId));
  }
  if (!integration.fiksOrgIds.has(request.fiksOrgId)) return fail(403, FORBIDDEN_MESSAGE);
  return { ok: true, integrasjonId };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

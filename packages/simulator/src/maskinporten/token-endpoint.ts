import type { X509Certificate } from 'node:crypto';
import { compactVerify } from 'jose';
import { epochSeconds } from '../clock.js';
import { jsonResponse, type SimResponse } from '../http/sim-response.js';
import { signAccessToken } from './access-token.js';
import { parseAssertion } from './assertion.js';
import {
  checkAudience,
  checkDelegation,
  checkDocumentedClaims,
  checkScopes,
  checkTimes,
  requestedScopes,
} from './assertion-claims.js';
import { resolveAssertionKey } from './assertion-key.js';
import type { ClientRegistry } from './client-registry.js';
import type { GrantReplayStore } from './grant-replay.js';
import { GrantRejection, reject } from './grant-rejection.js';
import { JWT_BEARER_GRANT_TYPE, SUPPORTED_GRANT_ALGORITHMS } from './metadata.js';
import type { SigningKey } from './signing-key.js';
import type { TokenLedger } from './token-ledger.js';

export interface TokenEndpointDeps {
  issuer: string;
  clients: ClientRegistry;
  trustedCa: X509Certificate;
  replay: GrantReplayStore;
  ledger: TokenLedger;
  signingKey: SigningKey;
  tokenLifetimeSeconds: number;
}

interface TokenRequest {
  contentType: string | undefined;
  body: string;
  nowMs: number;
}

interface TokenOutcome {
  response: SimResponse;
  /** Undefined on success; else the MP code or OAuth error, for stats. */
  rejection?: string;
}

/** POST /token: the JWT-bearer grant, checked in the order Maskinporten reports failures (docs/contract.md#s2). */
export async function handleTokenRequest(deps: TokenEndpointDeps, request: TokenRequest): Promise<TokenOutcome> {
  try {
    return { response: await issue(deps, request) };
  } catch (err) {
    if (err instanceof GrantRejection) return { response: err.toResponse(), rejection: err.statsKey };
    throw err;
  }
}

async function issue(deps: TokenEndpointDeps, request: TokenRequest): Promise<SimResponse> {
  const assertion = readForm(request);
  const parsed = parseAssertion(assertion);
  const { header, claims } = parsed;
  if (!(SUPPORTED_GRANT_ALGORITHMS as readonly string[]).includes(header.alg)) throw reject.unsupportedAlgorithm();

  const client = deps.clients.get(claims.iss);
  if (!client) throw reject.unknownClient();
  const key = resolveAssertionKey(header, client, deps.trustedCa, request.nowMs);
  try {
    await compactVerify(parsed.compact, key.publicKey, { algorithms: [header.alg] });
  } catch {
    throw reject.badSignature();
  }
  if (key.mode === 'x5c' && key.certificateOrgnr !== client.orgnr) throw reject.orgnrMismatch();

  const nowSeconds = epochSeconds(request.nowMs);
  checkAudience(claims, deps.issuer);
  checkDocumentedClaims(claims);
  checkTimes(claims, nowSeconds);
  if (claims.jti !== undefined && deps.replay.has(client.clientId, claims.jti)) throw reject.replayed();

  const scopes = requestedScopes(claims);
  checkScopes(scopes, client);
  if (claims.consumer_org !== undefined) checkDelegation(claims.consumer_org, scopes, client);

  if (claims.jti !== undefined) deps.replay.remember(client.clientId, claims.jti, claims.exp, nowSeconds);
  const scope = scopes.join(' ');
  const { token, jti } = await signAccessToken(deps.signingKey, {
    issuer: deps.issuer,
    clientId: client.clientId,
    clientAmr: key.mode === 'x5c' ? 'virksomhetssertifikat' : 'private_key_jwt',
    consumerOrgnr: claims.consumer_org ?? client.orgnr,
    ...(claims.consumer_org !== undefined ? { supplierOrgnr: client.orgnr } : {}),
    scope,
    nowSeconds,
    lifetimeSeconds: deps.tokenLifetimeSeconds,
  });
  deps.ledger.issue(jti, nowSeconds + deps.tokenLifetimeSeconds, nowSeconds);
  return jsonResponse(
    200,
    { access_token: token, token_type: 'Bearer', expires_in: deps.tokenLifetimeSeconds, scope },
    { 'cache-control': 'no-store' },
  );
}

/**
 * Only `grant_type` and `assertion` are documented (docs/contract.md#s2.2); others are ignored, as RFC 6749 §3.2 asks.
 */
function readForm(request: TokenRequest): string {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') throw reject.wrongContentType();
  const form = new URLSearchParams(request.body);
  for (const name of ['grant_type', 'assertion']) {
    const values = form.getAll(name);
    if (values.length === 0 || values[0] === '') throw reject.missingParameter(name);
    if (values.length > 1) throw reject.repeatedParameter(name);
  }
  if (form.get('grant_type') !== JWT_BEARER_GRANT_TYPE) throw reject.unsupportedGrantType();
  return form.get('assertion') as string;
}

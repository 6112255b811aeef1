/**
 * One POST to the Maskinporten token endpoint (docs/contract.md#s2.2) and its answer as a result or a
 * typed error (docs/contract.md#s2.5, docs/contract.md#s2.7). No retries here: a 4xx is never retried, and the caller
 * decides about 5xx (docs/contract.md#s2.8).
 */

import { DEFAULT_TOKEN_TIMEOUT_MS } from '../config/presets.js';
import { MASKINPORTEN_CODE_PATTERN } from '../contract/assumptions.js';
import { KjoretoyregisterError, MaskinportenError, TransportError } from '../errors.js';
import type { Transport } from '../transport/transport.js';

export interface TokenRequestParams {
  transport: Transport;
  tokenUrl: string;
  /** The signed grant. Never logged, never put in an error. */
  assertion: string;
  /** Default 10 s (docs/contract.md#s9.15). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TokenResponse {
  accessToken: string;
  /** Seconds, as Maskinporten sent them; the only source of the cache lifetime (docs/contract.md#s2.5). */
  expiresIn: number;
  tokenType?: string;
  scope?: string;
}

const GRANT_TYPE = 'urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer';
const MAX_DETAIL_CHARS = 500;
const MAX_MESSAGE_TEXT_CHARS = 200;
/** Compact JWS: never let one reach a message or `details`, whoever echoed it. */
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

export async function requestToken(params: TokenRequestParams): Promise<TokenResponse> {
  const timeoutMs = params.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = params.signal ? AbortSignal.any([params.signal, timeout]) : timeout;
  if (params.signal?.aborted) {
    throw new TransportError('Maskinporten token request was aborted by the caller', {
      failure: 'aborted',
      cause: params.signal.reason,
    });
  }

  let response;
  try {
    response = await params.transport.send({
      method: 'POST',
      url: params.tokenUrl,
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      // Exactly the two documented form fields (docs/contract.md#s2.2); a JWS needs no further escaping.
      body: `grant_type=${GRANT_TYPE}&assertion=${encodeURIComponent(params.assertion)}`,
      signal,
      target: 'maskinporten',
    });
  } catch (error) {
    // Decide from our own signals: transports differ in how they report an abort.
    if (params.signal?.aborted) {
      throw new TransportError('Maskinporten token request was aborted by the caller', {
        failure: 'aborted',
        cause: error,
      });
    }
    if (timeout.aborted) {
      throw new TransportError(`Maskinporten token request timed out after ${timeoutMs} ms`, {
        failure: 'timeout',
        cause: error,
      });
    }
    if (error instanceof KjoretoyregisterError) throw error;
    throw new TransportError('Maskinporten token request failed: network error', { failure: 'network', cause: error });
  }

  if (response.status >= 200 && response.status < 300) {
    return readSuccess(response.status, response.body);
  }
  throw rejection(response.status, response.body, response.headers['content-type']);
}

/**
 * A 2xx without `access_token`/`expires_in` is a MaskinportenError (not ResponseFormatError):
 * callers and `kjoretoy doctor` treat every token-step failure as one family. The body is not
 * kept: it may hold a token.
 */
function readSuccess(status: number, body: string): TokenResponse {
  const json = parseJson(body);
  const fields = isRecord(json) ? json : {};
  const accessToken = fields['access_token'];
  const expiresIn = fields['expires_in'];
  const missing: string[] = [];
  if (typeof accessToken !== 'string' || accessToken === '') {
    missing.push('access_token');
  }
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0) missing.push('expires_in');
  if (missing.length > 0 || typeof accessToken !== 'string' || typeof expiresIn !== 'number') {
    const what = isRecord(json) ? `lacks a valid ${missing.join(' and ')}` : 'is not a JSON object';
    throw new MaskinportenError(`Maskinporten token response (HTTP ${status}) ${what}`, {
      status,
      retryable: false,
      details: { missing, bodyLength: body.length },
    });
  }
  const result: TokenResponse = { accessToken, expiresIn };
  if (typeof fields['token_type'] === 'string') {
    result.tokenType = fields['token_type'];
  }
  if (typeof fields['scope'] === 'string') result.scope = fields['scope'];
  return result;
}

function rejection(status: number, rawBody: string, contentType: string | undefined): MaskinportenError {
  const body = redact(rawBody);
  const json = parseJson(body);
  const retryable = status >= 500 && status < 600;
  if (isRecord(json) && (typeof json['error'] === 'string' || typeof json['error_description'] === 'string')) {
    const error = stringOrUndefined(json['error']);
    const errorDescription = stringOrUndefined(json['error_description']);
    const mpCode = matchCode(errorDescription) ?? matchCode(body);
    const label = [mpCode, error].filter(Boolean).join(' ') || `HTTP ${status}`;
    return new MaskinportenError(`${lead(status)} (${label})${errorDescription ? `: ${errorDescription}` : ''}`, {
      status,
      retryable,
      error,
      errorDescription,
      mpCode,
      details: {
        error,
        errorDescription,
        errorUri: stringOrUndefined(json['error_uri']),
      },
    });
  }
  // Not the documented JSON: KS has seen plain-text 403s (docs/contract.md#s2.7). Keep the text.
  const mpCode = matchCode(body);
  const text = body.trim();
  const readable = text !== '' && !text.startsWith('<') ? oneLine(text).slice(0, MAX_MESSAGE_TEXT_CHARS) : undefined;
  return new MaskinportenError(
    `${lead(status)} (HTTP ${status}${mpCode ? ` ${mpCode}` : ''})${readable ? `: ${readable}` : ''}`,
    {
      status,
      retryable,
      mpCode,
      details: { body: truncate(body, MAX_DETAIL_CHARS), contentType },
    },
  );
}

function lead(status: number): string {
  if (status >= 500) {
    return `Maskinporten token endpoint failed with HTTP ${status}`;
  }
  if (status >= 400) return 'Maskinporten rejected the grant';
  return `Maskinporten token endpoint answered HTTP ${status}`;
}

function matchCode(text: string | undefined): string | undefined {
  return text ? MASKINPORTEN_CODE_PATTERN.exec(text)?.[0] : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function redact(text: string): string {
  return text.replace(JWT_PATTERN, '[redacted JWT]');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

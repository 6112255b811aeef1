import type { IncomingMessage, ServerResponse } from 'node:http';

const SESSION_COOKIE = 'cs_session';

export function sessionTokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site can make the browser send it,
 * which is the CSRF defence for the form posts), Secure whenever the app is served over HTTPS.
 */
export function setSessionCookie(response: ServerResponse, token: string, maxAgeMs: number, secure: boolean): void {
  response.setHeader('Set-Cookie', cookie(token, Math.floor(maxAgeMs / 1000), secure));
}

export function clearSessionCookie(response: ServerResponse, secure: boolean): void {
  response.setHeader('Set-Cookie', cookie('', 0, secure));
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * The OpenID login in progress (state, nonce, PKCE verifier), for ten minutes. Kept in the browser
 * rather than the database so a login needs no table and works on any instance. SameSite=Lax,
 * unlike the session: the provider's redirect back is a cross-site navigation, which must carry
 * it. HttpOnly, and `__Host-` when Secure, so neither a script nor a sibling subdomain can plant
 * one (planting one's own state and verifier is how a login CSRF through the callback would work).
 */
const PENDING_LOGIN_MAX_AGE_S = 600;

function pendingCookieName(secure: boolean): string {
  return secure ? '__Host-cs_oidc' : 'cs_oidc';
}

export interface PendingLoginCookie {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function setPendingLoginCookie(response: ServerResponse, pending: PendingLoginCookie, secure: boolean): void {
  const value = Buffer.from(JSON.stringify(pending), 'utf8').toString('base64url');
  response.setHeader('Set-Cookie', pendingCookie(pendingCookieName(secure), value, PENDING_LOGIN_MAX_AGE_S, secure));
}

export function clearPendingLoginCookie(secure: boolean): string {
  return pendingCookie(pendingCookieName(secure), '', 0, secure);
}

export function pendingLoginOf(request: IncomingMessage, secure: boolean): PendingLoginCookie | undefined {
  const value = cookieValue(request, pendingCookieName(secure));
  if (!value || !/^[A-Za-z0-9_-]{1,2000}$/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { state, nonce, codeVerifier } = parsed as Record<string, unknown>;
    return typeof state === 'string' && typeof nonce === 'string' && typeof codeVerifier === 'string'
      ? { state, nonce, codeVerifier }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The session cookie and the pending login's removal in one answer (the callback sets both). */
export function sessionCookieHeader(token: string, maxAgeMs: number, secure: boolean): string {
  return cookie(token, Math.floor(maxAgeMs / 1000), secure);
}

function cookieValue(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function pendingCookie(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

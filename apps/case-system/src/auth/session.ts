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

import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy, xFrameOptions } from 'helmet';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

function pathOf(request: IncomingMessage): string {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Every `/api` answer may carry personal data (owners, addresses, who looked up whom, API keys):
 * no browser, proxy or CDN may keep a copy.
 */
export const noStoreForApi: Middleware = (request, response, next) => {
  if (under(pathOf(request), '/api')) response.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * swagger-ui: its scripts are files of its own (`'self'`), but its page carries inline `<style>`
 * blocks and its icons are `data:` images. Nothing else is allowed, and no page may frame it.
 * helmet writes the headers (its `useDefaults: false` so only these directives apply).
 */
const docsCsp = contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
});
const docsFrameOptions = xFrameOptions({ action: 'deny' });

export const docsSecurityHeaders: Middleware = (request, response, next) => {
  const path = pathOf(request);
  if (!(under(path, '/docs') || path.startsWith('/docs-'))) return next();
  docsCsp(request, response, (error?: unknown) => {
    if (error !== undefined) throw error;
    docsFrameOptions(request, response, next);
  });
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request a browser sent on behalf of another origin: login CSRF (a
 * page logging the browser in with the attacker's key) and forced logout, which SameSite=Strict
 * does not stop (a sibling port or subdomain is the same site). The rule is Go's
 * `http.CrossOriginProtection` (Filippo Valsorda's write-up of it): trust `Sec-Fetch-Site` when
 * the browser sends it (`same-origin` or `none`, the user typed it); otherwise compare `Origin`
 * with the origin this app is served from (`PUBLIC_URL`, else the request's `Host`). A request
 * with neither header is not from a browser page (curl, a webhook sender, an API client with its
 * key) and is let through: there is no ambient credential to abuse there.
 */
export function crossOriginProtection(publicUrl: string | undefined): Middleware {
  const publicOrigin = publicUrl === undefined ? undefined : new URL(publicUrl).origin;
  return (request, response, next) => {
    if (SAFE_METHODS.has(request.method ?? 'GET')) return next();
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string') {
      if (site === 'same-origin' || site === 'none') return next();
      return refuse(response, 'headers.sec-fetch-site', `is ${site}: only same-origin requests may change state`);
    }
    const origin = request.headers['origin'];
    if (origin === undefined) return next();
    if (origin !== 'null' && isOwnOrigin(origin, request, publicOrigin)) return next();
    return refuse(response, 'headers.origin', 'is another origin: only same-origin requests may change state');
  };
}

function isOwnOrigin(origin: string, request: IncomingMessage, publicOrigin: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicOrigin !== undefined) return parsed.origin === publicOrigin;
  // Behind a TLS-terminating proxy the app sees http while the browser says https: compare hosts.
  const host = request.headers.host;
  return typeof host === 'string' && parsed.host === host.toLowerCase();
}

function refuse(response: ServerResponse, path: string, message: string): void {
  response.statusCode = 403;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(
    JSON.stringify({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Cross-origin request refused',
      problems: [{ path, message }],
    }),
  );
}

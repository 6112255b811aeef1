import { z } from 'zod';
import type { Role } from '../persistence/schema.js';
import { isPlaceholderSecret, parseArea, type AreaResult, type ConfigIssue, type Environment } from './env.js';

/**
 * OpenID Connect login (authorization code + PKCE). Off unless `OIDC_ISSUER_URL` is set; then the
 * client id, secret and redirect URL are required, and the role claim must map to at least one role.
 */
export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The app's `/login/oidc/callback`, exactly as registered with the provider. */
  redirectUrl: string;
  scopes: string;
  /** Claim holding the user's groups or roles: a string, or an array of strings. */
  roleClaim: string;
  /** Claim value → role. A user whose claim maps to no role is refused. */
  roleMap: ReadonlyMap<string, Role>;
  /** Text on the login button, e.g. the municipality's identity provider. */
  displayName: string;
  /**
   * Where the provider sends the browser after RP-initiated logout (`post_logout_redirect_uri`,
   * registered at the provider): `OIDC_POST_LOGOUT_REDIRECT_URL`, else `<PUBLIC_URL>/login`, else
   * `/login` on the origin of `OIDC_REDIRECT_URL`.
   */
  postLogoutRedirectUrl: string;
  /** Plain http to the provider: only for a provider on loopback outside production (tests, a laptop). */
  allowInsecureHttp: boolean;
}

const ROLES = ['saksbehandler', 'admin'] as const;

const OidcEnvSchema = z.object({
  OIDC_ISSUER_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_SCOPES: z.string().trim().min(1).default('openid profile'),
  OIDC_ROLE_CLAIM: z.string().trim().min(1).default('groups'),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_DISPLAY_NAME: z.string().trim().min(1).max(80).default('kommunens innlogging'),
  OIDC_POST_LOGOUT_REDIRECT_URL: z.url({ protocol: /^https?$/ }).optional(),
});

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `value=role` pairs, comma-separated: `kommune-saksbehandlere=saksbehandler,kommune-admin=admin`. */
function parseRoleMap(value: string | undefined, issues: ConfigIssue[]): Map<string, Role> {
  const map = new Map<string, Role>();
  if (value === undefined) {
    issues.push({ variable: 'OIDC_ROLE_MAP', message: 'is required with OIDC_ISSUER_URL, e.g. gruppe=saksbehandler' });
    return map;
  }
  for (const pair of value.split(',')) {
    const at = pair.lastIndexOf('=');
    const claimValue = at > 0 ? pair.slice(0, at).trim() : '';
    const role = at > 0 ? pair.slice(at + 1).trim() : '';
    if (claimValue === '' || !(ROLES as readonly string[]).includes(role)) {
      issues.push({
        variable: 'OIDC_ROLE_MAP',
        message: 'must be comma-separated claim-value=role pairs, each role saksbehandler or admin',
      });
      return new Map();
    }
    if (map.has(claimValue)) {
      issues.push({ variable: 'OIDC_ROLE_MAP', message: 'maps one claim value twice' });
      return new Map();
    }
    map.set(claimValue, role as Role);
  }
  return map;
}

/** `<PUBLIC_URL>/login`; a malformed PUBLIC_URL is the app area's problem to report, so fall back quietly. */
function defaultPostLogoutRedirect(env: Environment, redirectUrl: string): string {
  const publicUrl = (env['PUBLIC_URL'] ?? '').trim();
  if (/^https?:\/\//.test(publicUrl) && URL.canParse(publicUrl)) return `${publicUrl.replace(/\/+$/, '')}/login`;
  return new URL('/login', redirectUrl).href;
}

export function oidcConfig(env: Environment, production: boolean): AreaResult<OidcConfig | undefined> {
  const parsed = parseArea(OidcEnvSchema, env);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v.OIDC_ISSUER_URL === undefined) {
    const stray = [
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_REDIRECT_URL',
      'OIDC_ROLE_MAP',
      'OIDC_POST_LOGOUT_REDIRECT_URL',
    ].filter((name) => (env[name] ?? '').trim() !== '');
    // A half-configured login is a mistake, not "OIDC off".
    if (stray.length > 0) {
      return {
        ok: false,
        issues: [{ variable: 'OIDC_ISSUER_URL', message: `is required when ${stray.join(', ')} is set` }],
      };
    }
    return { ok: true, value: undefined };
  }
  const issues: ConfigIssue[] = [];
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const) {
    if (v[name] === undefined) issues.push({ variable: name, message: 'is required with OIDC_ISSUER_URL' });
  }
  const roleMap = parseRoleMap(v.OIDC_ROLE_MAP, issues);
  const issuer = new URL(v.OIDC_ISSUER_URL);
  const insecure = issuer.protocol === 'http:';
  if (insecure && (production || !LOOPBACK.has(issuer.hostname))) {
    issues.push({
      variable: 'OIDC_ISSUER_URL',
      message: 'must be https (plain http only for a provider on loopback outside production)',
    });
  }
  if (production && v.OIDC_CLIENT_SECRET !== undefined && isPlaceholderSecret(v.OIDC_CLIENT_SECRET)) {
    issues.push({ variable: 'OIDC_CLIENT_SECRET', message: 'is a placeholder; set the secret the provider issued' });
  }
  if (production && v.OIDC_REDIRECT_URL?.startsWith('http:')) {
    issues.push({ variable: 'OIDC_REDIRECT_URL', message: 'must be https in production' });
  }
  if (production && v.OIDC_POST_LOGOUT_REDIRECT_URL?.startsWith('http:')) {
    issues.push({ variable: 'OIDC_POST_LOGOUT_REDIRECT_URL', message: 'must be https in production' });
  }
  const { OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_REDIRECT_URL: redirectUrl } = v;
  if (issues.length > 0 || clientId === undefined || clientSecret === undefined || redirectUrl === undefined) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      issuerUrl: v.OIDC_ISSUER_URL,
      clientId,
      clientSecret,
      redirectUrl,
      scopes: v.OIDC_SCOPES,
      roleClaim: v.OIDC_ROLE_CLAIM,
      roleMap,
      displayName: v.OIDC_DISPLAY_NAME,
      postLogoutRedirectUrl: v.OIDC_POST_LOGOUT_REDIRECT_URL ?? defaultPostLogoutRedirect(env, redirectUrl),
      allowInsecureHttp: insecure,
    },
  };
}

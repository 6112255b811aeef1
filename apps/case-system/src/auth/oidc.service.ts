import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import type { OidcConfig } from '../config/oidc.config.js';
import type { Role } from '../persistence/schema.js';
import type { OidcIdentity } from './users.service.js';

/** What the browser keeps between leaving for the provider and coming back (short-lived HttpOnly cookie). */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type OidcResult =
  | { ok: true; identity: OidcIdentity }
  /** The provider knows the person, but no claim value maps to a role here. */
  | { ok: false; reason: 'no_role'; name: string }
  /** state, nonce, PKCE, the code exchange or the ID token failed; or the provider is down. */
  | { ok: false; reason: 'failed' };

const ROLE_RANK: Record<Role, number> = { saksbehandler: 1, admin: 2 };
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * OpenID Connect login with openid-client: authorization code flow with PKCE (S256), state and
 * nonce. The provider's metadata is discovered at the first login, not at boot, so the app starts
 * while the provider is down; a failed discovery is retried at the next login.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OidcLogin');
  private readonly settings: OidcConfig | undefined;
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(@Inject(CASE_SYSTEM_CONFIG) config: CaseSystemConfig) {
    this.settings = config.oidc;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  get displayName(): string {
    return this.settings?.displayName ?? '';
  }

  /** Where to send the browser, and what to keep for the callback. */
  async start(): Promise<{ url: URL; pending: PendingLogin } | undefined> {
    const settings = this.settings;
    if (!settings) return undefined;
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configuration(settings);
    } catch (error) {
      this.logger.warn({ msg: 'OpenID provider discovery failed', error: errorName(error) });
      return undefined;
    }
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUrl,
      scope: settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** The callback: `query` is the callback's query string (`?code=…&state=…` or `?error=…`). */
  async finish(query: string, pending: PendingLogin): Promise<OidcResult> {
    const settings = this.settings;
    if (!settings) return { ok: false, reason: 'failed' };
    try {
      const configuration = await this.configuration(settings);
      const callbackUrl = new URL(settings.redirectUrl);
      callbackUrl.search = query;
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) return { ok: false, reason: 'failed' };
      // Providers put groups in the ID token or only in userinfo (oidc-provider's default): read both.
      let claims: Record<string, unknown> = { ...idClaims };
      if (configuration.serverMetadata().userinfo_endpoint) {
        const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...userinfo, ...idClaims };
      }
      const name = displayNameOf(claims, idClaims.sub);
      const role = mappedRole(claims[settings.roleClaim], settings.roleMap);
      if (!role) return { ok: false, reason: 'no_role', name };
      return { ok: true, identity: { issuer: idClaims.iss, sub: idClaims.sub, name, role } };
    } catch (error) {
      // The error's class and code only: its message may quote the provider's answer.
      this.logger.warn({ msg: 'OpenID login failed', error: errorName(error) });
      return { ok: false, reason: 'failed' };
    }
  }

  /**
   * RP-Initiated Logout 1.0: where to send the browser so the provider ends its session too, for a
   * session whose user came from this provider (`issuer`, as its ID token said). `client_id`
   * identifies the app (the spec's alternative to `id_token_hint`, which would mean keeping every
   * ID token); the provider sends the browser on to `post_logout_redirect_uri`. Undefined when OIDC
   * is off, the user came from elsewhere, the provider has no `end_session_endpoint` or cannot be
   * reached: the logout is then local only, as the session here has already ended.
   */
  async endSessionUrl(issuer: string): Promise<URL | undefined> {
    const settings = this.settings;
    if (!settings) return undefined;
    try {
      const configuration = await this.configuration(settings);
      const metadata = configuration.serverMetadata();
      if (metadata.issuer !== issuer || !metadata.end_session_endpoint) return undefined;
      // buildEndSessionUrl adds client_id itself.
      return oidc.buildEndSessionUrl(configuration, { post_logout_redirect_uri: settings.postLogoutRedirectUrl });
    } catch (error) {
      this.logger.warn({ msg: 'OpenID provider discovery failed at logout', error: errorName(error) });
      return undefined;
    }
  }

  private configuration(settings: OidcConfig): Promise<oidc.Configuration> {
    this.discovered ??= oidc
      .discovery(
        new URL(settings.issuerUrl),
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.allowInsecureHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw error;
      });
    return this.discovered;
  }
}

/** The highest role any claim value maps to; the claim may be one string or a list. */
export function mappedRole(claim: unknown, roleMap: ReadonlyMap<string, Role>): Role | undefined {
  const values = Array.isArray(claim) ? claim : [claim];
  let best: Role | undefined;
  for (const value of values) {
    const role = typeof value === 'string' ? roleMap.get(value) : undefined;
    if (role && (!best || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  return best;
}

function displayNameOf(claims: Record<string, unknown>, sub: string): string {
  for (const key of ['preferred_username', 'email', 'name']) {
    const value = claims[key];
    if (typeof value === 'string') {
      const clean = value.replace(CONTROL, '').trim().slice(0, 64);
      if (clean !== '') return clean;
    }
  }
  return sub.slice(0, 64);
}

function errorName(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}

import { REGISTER_ENV, WEBHOOK_SECRET } from '../../test/support/config-env.js';
import { CaseSystemConfigError, loadConfig } from './load-config.js';

const BASE = { ...REGISTER_ENV, WEBHOOK_INBOUND_SOURCES: `feltapp=${WEBHOOK_SECRET}` };

function issuesOf(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig({ ...BASE, ...env });
  } catch (error) {
    if (error instanceof CaseSystemConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('OpenID Connect and lookup-page configuration', () => {
  it('is off without OIDC_ISSUER_URL, and the lookup page has the hensatt kjøretøy defaults', () => {
    const config = loadConfig({ ...BASE });
    expect(config.oidc).toBeUndefined();
    expect(config.webLookup).toEqual({
      purposes: ['HENSATT_KJORETOY'],
      legalBases: ['vegtrafikkloven § 37 / parkeringsforskriften § 38'],
      freeTextPurpose: false,
      freeTextLegalBasis: false,
      fodselsnummerRoles: [],
      pageSize: 20,
    });
  });

  it('lists every missing or malformed OIDC variable at once', () => {
    const issues = issuesOf({ OIDC_ISSUER_URL: 'http://idp.example.no', OIDC_ROLE_MAP: 'gruppe=sjef' });
    expect(issues.map((issue) => issue.variable).sort()).toEqual([
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_ISSUER_URL',
      'OIDC_REDIRECT_URL',
      'OIDC_ROLE_MAP',
    ]);
  });

  it('refuses a half configuration without an issuer rather than turning OIDC off', () => {
    expect(issuesOf({ OIDC_CLIENT_ID: 'x' })).toEqual([
      { variable: 'OIDC_ISSUER_URL', message: 'is required when OIDC_CLIENT_ID is set' },
    ]);
  });

  it('sends RP-initiated logout back to <PUBLIC_URL>/login unless OIDC_POST_LOGOUT_REDIRECT_URL says otherwise', () => {
    const oidc = {
      ...BASE,
      OIDC_ISSUER_URL: 'http://localhost:9000',
      OIDC_CLIENT_ID: 'case-system',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URL: 'http://127.0.0.1:3000/login/oidc/callback',
      OIDC_ROLE_MAP: 'saksbehandlere=saksbehandler',
      PUBLIC_URL: 'http://localhost:8080/',
    };
    expect(loadConfig(oidc).oidc?.postLogoutRedirectUrl).toBe('http://localhost:8080/login');
    expect(
      loadConfig({ ...oidc, OIDC_POST_LOGOUT_REDIRECT_URL: 'http://localhost:8080/utlogget' }).oidc
        ?.postLogoutRedirectUrl,
    ).toBe('http://localhost:8080/utlogget');
  });

  it('maps claim values to roles and allows plain http only to a provider on loopback', () => {
    const config = loadConfig({
      ...BASE,
      OIDC_ISSUER_URL: 'http://localhost:9000',
      OIDC_CLIENT_ID: 'case-system',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_REDIRECT_URL: 'http://127.0.0.1:3000/login/oidc/callback',
      OIDC_ROLE_MAP: 'saksbehandlere=saksbehandler, it-drift=admin',
    });
    expect(config.oidc?.allowInsecureHttp).toBe(true);
    // No PUBLIC_URL: RP-initiated logout comes back to /login on the callback's origin.
    expect(config.oidc?.postLogoutRedirectUrl).toBe('http://127.0.0.1:3000/login');
    expect([...(config.oidc?.roleMap ?? [])]).toEqual([
      ['saksbehandlere', 'saksbehandler'],
      ['it-drift', 'admin'],
    ]);
  });

  it('names each bad lookup-page variable', () => {
    const issues = issuesOf({
      WEB_LOOKUP_PURPOSES: ' ; ',
      WEB_LOOKUP_FODSELSNUMMER_ROLES: 'admin,sjef',
      WEB_LOOKUP_PAGE_SIZE: '0',
    });
    expect(issues.map((issue) => issue.variable).sort()).toEqual([
      'WEB_LOOKUP_FODSELSNUMMER_ROLES',
      'WEB_LOOKUP_PAGE_SIZE',
      'WEB_LOOKUP_PURPOSES',
    ]);
  });
});

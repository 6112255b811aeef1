import { ENV_VARS } from '../../src/config/from-env.js';
import { ENV_FIELD_NAMES } from '../../src/config/env-field-names.js';
import {
  CONFIG_FIELDS,
  hintFor,
  maskinportenHint,
  OPTION_FIELD_NAMES,
  type FieldNames,
} from '../../src/diagnostics/hints.js';
import {
  AuditContextRequiredError,
  AuditWriteError,
  ConfigurationError,
  FiksAuthenticationError,
  ForbiddenError,
  MaskinportenError,
  QuotaExceededError,
  RateLimitError,
  TransportError,
  UpstreamError,
  ValidationError,
} from '../../src/errors.js';

/**
 * The n8n credential's display names (packages/n8n-nodes-kjoretoyregister/credentials), as the
 * node passes them; the credential has no kid or proxy field, so those are named in words.
 */
const N8N_FIELD_NAMES: FieldNames = {
  ...OPTION_FIELD_NAMES,
  environment: 'Environment',
  fiksApiUrl: 'Fiks API URL',
  fiksOrgId: 'Fiks Organisation ID',
  integrasjonId: 'IntegrasjonId',
  integrasjonPassord: 'IntegrasjonPassord',
  'maskinporten.clientId': 'Maskinporten Client ID',
  'maskinporten.scope': 'Scope',
  'maskinporten.issuer': 'Maskinporten Issuer',
  'maskinporten.tokenUrl': 'Maskinporten Token URL',
  'maskinporten.consumerOrg': 'Consumer Organisation',
  'maskinporten.keyMaterial': 'Key Material',
  'maskinporten.keyMaterial.kid': 'the registered key',
  proxy: 'the proxy settings of the n8n host',
};

const mp = (mpCode: string | undefined, init: { status?: number; errorDescription?: string } = {}) =>
  new MaskinportenError('Maskinporten rejected the grant', { status: 400, mpCode, ...init });
const integration = () => new FiksAuthenticationError('401', { kind: 'integration' });

describe('field names', () => {
  it('names every field by its option path in OPTION_FIELD_NAMES', () => {
    for (const field of CONFIG_FIELDS) expect(OPTION_FIELD_NAMES[field]).toBe(field);
  });

  it("takes ENV_FIELD_NAMES from configFromEnv's own variables", () => {
    expect(ENV_FIELD_NAMES).toMatchObject({
      environment: 'KJORETOY_ENV',
      fiksApiUrl: 'FIKS_API_URL',
      fiksOrgId: 'FIKS_ORG_ID',
      integrasjonId: 'FIKS_INTEGRASJON_ID',
      integrasjonPassord: 'FIKS_INTEGRASJON_PASSORD',
      'maskinporten.clientId': 'MASKINPORTEN_CLIENT_ID',
      'maskinporten.scope': 'MASKINPORTEN_SCOPE',
      'maskinporten.issuer': 'MASKINPORTEN_ISSUER',
      'maskinporten.tokenUrl': 'MASKINPORTEN_TOKEN_URL',
      'maskinporten.consumerOrg': 'MASKINPORTEN_CONSUMER_ORG',
      'maskinporten.keyMaterial.kid': 'MASKINPORTEN_KID',
      proxy: 'HTTPS_PROXY/NO_PROXY',
    });
    const keyVariables = ENV_FIELD_NAMES['maskinporten.keyMaterial'].split('/');
    expect(keyVariables).toEqual(expect.arrayContaining(['MASKINPORTEN_P12', 'MASKINPORTEN_CERT', 'MASKINPORTEN_KEY']));
    expect(keyVariables).not.toContain('MASKINPORTEN_KID');
    for (const name of keyVariables) expect(ENV_VARS).toContain(name);
  });

  it('keeps the option path for fields configFromEnv does not read (hosts override them)', () => {
    expect(ENV_FIELD_NAMES['audit.actor']).toBe('audit.actor');
  });
});

describe('the CLI texts, given ENV_FIELD_NAMES', () => {
  const hint = (error: unknown) => hintFor(error, ENV_FIELD_NAMES) ?? '';

  it('MP-100 names MASKINPORTEN_CLIENT_ID', () => expect(hint(mp('MP-100'))).toContain('MASKINPORTEN_CLIENT_ID'));
  it('MP-120 says to use the certificate issued for KJORETOY_ENV', () =>
    expect(hint(mp('MP-120'))).toContain('certificate issued for KJORETOY_ENV'));
  it('MP-130 says to synchronise the clock with NTP', () => expect(hint(mp('MP-130'))).toMatch(/NTP/));
  it('a Maskinporten 5xx says try again later', () =>
    expect(hint(mp(undefined, { status: 503 }))).toContain('try again later'));
  it('a rejected token quotes «Klarte ikke å validere access_token»', () =>
    expect(hint(new FiksAuthenticationError('401', { kind: 'token' }))).toContain(
      'Klarte ikke å validere access_token',
    ));
  it('a rejected integration names FIKS_INTEGRASJON_PASSORD and the autorisert organisasjon', () =>
    expect(hint(integration())).toMatch(/Autentisering feilet.*FIKS_INTEGRASJON_PASSORD.*autorisert organisasjon/));
  it('a 403 points at Fiks Konfigurasjon and FIKS_ORG_ID', () => {
    expect(hint(new ForbiddenError('403'))).toMatch(/FIKS_ORG_ID.*Fiks Konfigurasjon/);
  });
  it('a search read as not forwarded (CONTRACT-ASSUMPTION (h)) says so, not that access is missing', () => {
    const notFound = hint(new ForbiddenError('sok', { status: 404, searchEndpoint: 'kundeid' }));
    expect(notFound).toMatch(/^Fiks may not forward sok\/kundeid .*an assumption/);
    expect(notFound).toMatch(/lookups answer 404 too, FIKS_API_URL or FIKS_ORG_ID is wrong$/);
    expect(notFound).not.toMatch(/has no access/);
    // A 403 is still most likely the missing grant: that comes first, the assumption after it.
    const refused = hint(new ForbiddenError('sok', { status: 403, searchEndpoint: 'kundeid' }));
    expect(refused).toMatch(/^authenticated, but the integration has no access .*Fiks Konfigurasjon/);
    expect(refused).toMatch(/; if lookups work, Fiks may not forward sok\/kundeid .*an assumption/);
  });
  it('an upstream failure gives support the svvguid and errorId', () => {
    const text = hint(new UpstreamError('503', { status: 503, svvguid: 'svv-1', errorId: 'fiks-1' }));
    expect(text).toContain('svvguid svv-1 (SVV: api-kjoretoy@vegvesen.no)');
    expect(text).toContain('errorId fiks-1 (KS: fiks-utvikling@ksdigital.no)');
  });
  it('a refused audit intent says nothing was sent and points at the audit sink', () =>
    expect(hint(new AuditWriteError('DatabaseError'))).toMatch(/nothing was sent: fix the audit sink .*DatabaseError/));
  it('names the audit flags a host puts over the audit fields', () => {
    const cli: FieldNames = {
      ...ENV_FIELD_NAMES,
      'audit.actor': '--actor',
      'audit.purpose': '--purpose',
      'audit.legalBasis': '--legal-basis',
    };
    const error = new AuditContextRequiredError(['actor', 'purpose', 'legalBasis']);
    expect(hintFor(error, cli)).toMatch(/--actor.*--purpose.*--legal-basis/);
    expect(hintFor(new AuditContextRequiredError(['purpose']), cli)).toBe('this call is audited: give --purpose');
  });
  it('names the variables of a configuration error, exact ones as they are', () => {
    const error = new ConfigurationError([
      { path: 'FIKS_ORG_ID', message: 'is required' },
      { path: 'MASKINPORTEN_P12_PASSWORD', message: 'wrong password', reason: 'wrong_password' },
      { path: 'maskinporten.issuer', message: 'must end with a slash' },
    ]);
    expect(hint(error)).toBe(
      'fix FIKS_ORG_ID, MASKINPORTEN_P12_PASSWORD and MASKINPORTEN_ISSUER as the error describes',
    );
  });
  it('names the URL of the step that could not reach its server, and the proxy variables', () => {
    const error = new TransportError('Network error (ECONNREFUSED)', { failure: 'network' });
    expect(hintFor(error, ENV_FIELD_NAMES, { target: 'maskinporten' })).toBe(
      'Maskinporten could not be reached: check MASKINPORTEN_TOKEN_URL and the network; behind a proxy, check HTTPS_PROXY/NO_PROXY',
    );
    expect(hintFor(new TransportError('t', { failure: 'timeout' }), ENV_FIELD_NAMES, { target: 'fiks' })).toMatch(
      /^Fiks did not answer in time: check FIKS_API_URL/,
    );
  });
});

describe('the n8n texts, given the credential display names', () => {
  const hint = (error: unknown) => hintFor(error, N8N_FIELD_NAMES) ?? '';

  it('MP-100 starts "Maskinporten does not know the Maskinporten Client ID" and names Samarbeidsportalen', () => {
    expect(hint(mp('MP-100'))).toMatch(/^Maskinporten does not know the Maskinporten Client ID.*Samarbeidsportalen/);
  });
  it('a rejected integration names IntegrasjonId, IntegrasjonPassord and the consumer organisation', () => {
    expect(hint(integration())).toMatch(
      /IntegrasjonId is unknown, IntegrasjonPassord is wrong, or the token's consumer/,
    );
    expect(hint(integration())).toContain("the certificate's organisation, or Consumer Organisation when set");
  });
  it('a 403 says to activate Kjøretøyregister in Fiks Konfigurasjon', () =>
    expect(hint(new ForbiddenError('403'))).toMatch(
      /activate Kjøretøyregister for the organisation in Fiks Konfigurasjon/,
    ));
  it('a spent quota says until when, as an ISO time', () => {
    const error = new QuotaExceededError('422', { resetsAt: new Date('2026-12-01T23:00:00.000Z') });
    expect(hint(error)).toMatch(/until \d{4}-\d{2}-\d{2}T/);
    expect(hint(new QuotaExceededError('422'))).toContain('until midnight (Norwegian time)');
  });
  it('an unreachable server says it could not be reached and names the proxy settings', () => {
    expect(hint(new TransportError('Network error', { failure: 'network' }))).toMatch(
      /could not be reached: check Fiks API URL and Maskinporten Token URL.*proxy settings of the n8n host/,
    );
  });
  it('an upstream failure names the svvguid', () =>
    expect(hint(new UpstreamError('503', { status: 503, svvguid: 'x' }))).toMatch(/svvguid/));
});

describe('hintFor', () => {
  it('is the same text for every host except the field names', () => {
    const errors = [mp('MP-110'), mp('MP-251'), integration(), new ForbiddenError('403')];
    for (const error of errors) {
      const asEnv = hintFor(error, ENV_FIELD_NAMES) ?? '';
      const asN8n = hintFor(error, N8N_FIELD_NAMES) ?? '';
      let normalised = asN8n;
      for (const field of CONFIG_FIELDS)
        normalised = normalised.split(N8N_FIELD_NAMES[field]).join(ENV_FIELD_NAMES[field]);
      expect(normalised).toBe(asEnv);
    }
  });

  it('names the decoded consumer organisation in the integration hint when the host knows it', () =>
    expect(hintFor(integration(), ENV_FIELD_NAMES, { consumerOrg: '310000001' })).toContain(
      "the token's consumer organisation (310000001) is not",
    ));

  it('has nothing to add for a validation error or a foreign error', () => {
    expect(hintFor(new ValidationError('items[0].kjennemerke is not valid'), ENV_FIELD_NAMES)).toBeUndefined();
    expect(hintFor(new Error('boom'), ENV_FIELD_NAMES)).toBeUndefined();
  });

  it('advises on a rate limit and a 404 path', () => {
    expect(hintFor(new RateLimitError('429'), OPTION_FIELD_NAMES)).toMatch(/^rate limited: wait and try again/);
    expect(hintFor(new UpstreamError('404', { status: 404 }), OPTION_FIELD_NAMES)).toBe(
      'fiksApiUrl or fiksOrgId is wrong (the path does not exist)',
    );
  });
});

describe('maskinportenHint', () => {
  it('reads the clock problem and the own-organisation consumer_org from the description', () => {
    expect(maskinportenHint(mp(undefined, { errorDescription: 'Issue time is after now' }), ENV_FIELD_NAMES)).toMatch(
      /ahead of Maskinporten.*NTP/,
    );
    expect(
      maskinportenHint(
        mp(undefined, {
          errorDescription: 'The combination consumer_org in claim and delegation scope on client is invalid',
        }),
        ENV_FIELD_NAMES,
      ),
    ).toMatch(/^MASKINPORTEN_CONSUMER_ORG is set to your own organisation/);
  });

  it("points at Digdir's troubleshooting page for an unknown code", () =>
    expect(maskinportenHint(mp('MP-999'), ENV_FIELD_NAMES)).toContain('maskinporten_feilsoking'));
});

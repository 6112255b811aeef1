import { decodeAccessToken } from '../../src/auth/decode-access-token.js';
import type { KeyMaterial } from '../../src/auth/key-material.js';
import { loadKeyMaterial } from '../../src/node/key-files.js';
import { MaskinportenTokenProvider, type MaskinportenTokenProviderOptions } from '../../src/auth/maskinporten.js';
import { TokenCache } from '../../src/auth/token-cache.js';
import type { Clock } from '../../src/clock.js';
import { ConfigurationError, MaskinportenError } from '../../src/errors.js';
import type { LogFields, Logger } from '../../src/observability/logger.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { CountingTransport } from '../support/counting-transport.js';
import { createTestPki, type TestPki } from '../support/pki.js';
import { TokenEndpoint } from './support/token-endpoint.js';
import { expectCoreError } from '../support/core-errors.js';

const CLIENT_ID = '0f6f3b1e-7c55-4c1b-9d47-4a7e3c2d1b00';

class ManualClock implements Clock {
  time = Date.now();
  now(): number {
    return this.time;
  }
}

interface LogLine {
  level: string;
  message: string;
  fields?: LogFields;
}

function capturingLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (message: string, fields?: LogFields) => void lines.push({ level, message, fields });
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

let pki: TestPki;
let keyMaterial: KeyMaterial;
let endpoint: TokenEndpoint;
let transport: Transport;
let clock: ManualClock;

beforeAll(async () => {
  pki = createTestPki({ orgnr: '310000001' });
  keyMaterial = await loadKeyMaterial({
    kind: 'pem',
    certificate: pki.chainPem,
    privateKey: pki.privateKeyPem,
  });
});

beforeEach(async () => {
  endpoint = await new TokenEndpoint({ clientId: CLIENT_ID }).start();
  transport = createFetchTransport({ proxy: false });
  clock = new ManualClock();
});

afterEach(async () => {
  await transport.close?.();
  await endpoint.stop();
});

function provider(overrides: Partial<MaskinportenTokenProviderOptions> = {}): MaskinportenTokenProvider {
  return new MaskinportenTokenProvider({
    keyMaterial,
    clientId: CLIENT_ID,
    issuer: endpoint.issuer,
    tokenUrl: endpoint.tokenUrl,
    transport,
    clock,
    ...overrides,
  });
}

describe('MaskinportenTokenProvider', () => {
  it('makes exactly one token request for 100 concurrent callers', async () => {
    const counting = new CountingTransport(transport);
    const tokens = provider({ transport: counting });
    const results = await Promise.all(Array.from({ length: 100 }, () => tokens.getToken()));
    expect(endpoint.requestCount).toBe(1);
    expect(counting.sent.maskinporten).toBe(1);
    expect(new Set(results.map((token) => token.value)).size).toBe(1);
  });

  it('sends a grant the strict endpoint accepts: x5c leaf, ks:fiks, exact claims', async () => {
    const token = await provider().getToken();
    expect(endpoint.grants).toHaveLength(1);
    const [grant] = endpoint.grants;
    expect(grant?.header).toEqual({
      alg: 'RS256',
      x5c: [pki.certificateDerBase64],
    });
    expect(grant?.claims).toMatchObject({
      iss: CLIENT_ID,
      aud: endpoint.issuer,
      scope: 'ks:fiks',
      iat: Math.floor(clock.time / 1000),
    });
    expect(token).toMatchObject({
      expiresIn: 120,
      scope: 'ks:fiks',
      expiresAt: clock.time + 110_000,
    });
  });

  it('refreshes after expiry on the injected clock, without sleeping', async () => {
    const tokens = provider();
    const start = clock.time;
    const first = await tokens.getToken();

    clock.time = start + 109_999;
    expect((await tokens.getToken()).value).toBe(first.value);
    expect(endpoint.requestCount).toBe(1);

    clock.time = start + 110_000;
    const second = await tokens.getToken();
    expect(second.value).not.toBe(first.value);
    expect(endpoint.requestCount).toBe(2);
    expect(endpoint.grants[1]?.claims.iat).toBe(Math.floor((start + 110_000) / 1000));
  });

  it('honours the configured expiry margin', async () => {
    const tokens = provider({ expiryMarginMs: 30_000 });
    const start = clock.time;
    await tokens.getToken();
    clock.time = start + 89_999;
    await tokens.getToken();
    expect(endpoint.requestCount).toBe(1);
    clock.time = start + 90_000;
    await tokens.getToken();
    expect(endpoint.requestCount).toBe(2);
  });

  it('does not cache a failure: a 503 is retryable and the next call fetches anew', async () => {
    endpoint.scripted.push({
      status: 503,
      json: {
        error: 'temporarily_unavailable',
        error_description: 'Service Unavailable',
      },
    });
    const tokens = provider();
    const failures = await Promise.allSettled([tokens.getToken(), tokens.getToken()]);
    expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    const error = (failures[0] as PromiseRejectedResult).reason as MaskinportenError;
    expectCoreError(error, MaskinportenError, 'KJR_MASKINPORTEN');
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(endpoint.requestCount).toBe(1);

    await expect(tokens.getToken()).resolves.toMatchObject({ expiresIn: 120 });
    expect(endpoint.requestCount).toBe(2);
  });

  it('surfaces a 400 with an MP code as MaskinportenError', async () => {
    endpoint.scripted.push({
      status: 400,
      json: {
        error: 'invalid_scope',
        error_description: 'Token request contains invalid scopes for client (MP-200)',
      },
    });
    await expect(provider().getToken()).rejects.toMatchObject({
      constructor: MaskinportenError,
      code: 'KJR_MASKINPORTEN',
      status: 400,
      error: 'invalid_scope',
      mpCode: 'MP-200',
      retryable: false,
    });
  });

  it('evicts on invalidate, but a stale token does not evict a fresh one', async () => {
    const tokens = provider();
    const first = await tokens.getToken();
    tokens.invalidate(first);
    const second = await tokens.getToken();
    expect(second.value).not.toBe(first.value);
    tokens.invalidate(first);
    expect((await tokens.getToken()).value).toBe(second.value);
    tokens.invalidate();
    await tokens.getToken();
    expect(endpoint.requestCount).toBe(3);
  });

  it('sends consumer_org when configured, and the token names that consumer', async () => {
    const token = await provider({ consumerOrg: '310000009' }).getToken();
    expect(endpoint.grants[0]?.claims['consumer_org']).toBe('310000009');
    expect(decodeAccessToken(token)).toMatchObject({
      consumerOrg: '310000009',
      scope: 'ks:fiks',
      clientId: CLIENT_ID,
    });
  });

  it('works in registered-key mode with kid', async () => {
    const registered = await loadKeyMaterial({
      kind: 'key',
      kid: 'kjr-key-1',
      privateKey: pki.privateKeyPem,
    });
    endpoint.registerKey('kjr-key-1', registered.privateKey);
    await provider({ keyMaterial: registered }).getToken();
    expect(endpoint.grants[0]?.header).toEqual({
      alg: 'RS256',
      kid: 'kjr-key-1',
    });
  });

  it('shares an injected cache between providers with the same configuration', async () => {
    const cache = new TokenCache({ clock });
    await provider({ cache }).getToken();
    await provider({ cache }).getToken();
    expect(endpoint.requestCount).toBe(1);
    await provider({ cache, scope: ['ks:fiks', 'other:scope'] }).getToken();
    expect(endpoint.requestCount).toBe(2);
  });

  it('logs the fetch with expiresIn and duration, never the token or the assertion', async () => {
    const lines: LogLine[] = [];
    const token = await provider({ logger: capturingLogger(lines) }).getToken();
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'maskinporten token fetched',
        fields: { expiresIn: 120, durationMs: expect.any(Number) },
      },
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(token.value);
    expect(logged).not.toContain('eyJ');
  });

  it('rejects bad options at construction, listing every problem', () => {
    const attempt = () =>
      new MaskinportenTokenProvider({
        keyMaterial,
        clientId: '',
        issuer: 'https://test.maskinporten.no',
        tokenUrl: 'not a url',
        consumerOrg: '1234',
        transport,
      });
    expect(attempt).toThrow(ConfigurationError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigurationError).issues.map((i) => i.path)).toEqual([
        'issuer',
        'clientId',
        'consumerOrg',
        'tokenUrl',
      ]);
    }
  });
});

describe('decodeAccessToken', () => {
  it('reads consumer, scope, client and dates for diagnostics', async () => {
    const token = await provider().getToken();
    const diagnostics = decodeAccessToken(token.value);
    expect(diagnostics).toEqual({
      consumerOrg: '310000001',
      scope: 'ks:fiks',
      clientId: CLIENT_ID,
      clientAmr: 'virksomhetssertifikat',
      issuer: endpoint.issuer,
      issuedAt: new Date(Math.floor(clock.time / 1000) * 1000),
      expiresAt: new Date((Math.floor(clock.time / 1000) + 120) * 1000),
    });
  });

  it('reads supplier with delegation and ignores non-Norwegian identifiers', () => {
    const token = unsignedJwt({
      consumer: { authority: 'iso6523-actorid-upis', ID: '0192:310000009' },
      supplier: { authority: 'iso6523-actorid-upis', ID: '0192:310000001' },
    });
    expect(decodeAccessToken(token)).toEqual({
      consumerOrg: '310000009',
      supplierOrg: '310000001',
    });
    expect(decodeAccessToken(unsignedJwt({ consumer: { ID: '0088:1234567890123' } }))).toEqual({});
  });

  it('explains that a by-reference (non-JWT) token will not work with Fiks', () => {
    expect(() => decodeAccessToken('opaque-reference-token')).toThrow(/not a JWT/);
  });
});

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
}

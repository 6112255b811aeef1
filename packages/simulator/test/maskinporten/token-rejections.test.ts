import {
  DEMO_KOMMUNE,
  DEMO_LEVERANDOR,
  issueLeafCertificate,
  startSimulator,
  type RunningSimulator,
} from '../../src/index.js';
import { freshKey, manualClock, postToken, signGrant } from './grant-signing.js';

const clock = manualClock(Date.UTC(2026, 5, 1, 10, 0, 0));
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ clock: clock.now });
});
afterAll(() => sim.stop());
beforeEach(() => sim.reset());

const DAY = 86_400_000;
const der = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');

/** A leaf for Demo Kommune, signed by the simulator's own test CA, with the given validity. */
function caSignedCertificate(notBefore: number, notAfter: number, key = freshKey()) {
  const certPem = issueLeafCertificate({
    ca: { certPem: sim.credentials.ca.certPem, privateKeyPem: sim.credentials.ca.keyPem },
    publicKeyPem: key.publicKeyPem,
    orgnr: sim.demo.orgnr,
    organisation: 'Demo Kommune',
    commonName: 'Demo Kommune',
    notBefore: new Date(notBefore),
    notAfter: new Date(notAfter),
  });
  return { x5c: [der(certPem)], keyPem: key.privateKeyPem };
}

interface Expected {
  status: number;
  error: string;
  code?: string;
  text: string;
}

interface Case {
  rule: string;
  grant: () => Promise<string>;
  expected: Expected;
}

const now = () => clock.seconds();

const cases: Case[] = [
  {
    rule: 'MP-011: an assertion with a stray line break is malformed',
    grant: async () => (await signGrant(sim, now())).replace('.', '.\n'),
    expected: {
      status: 400,
      error: 'invalid_request',
      code: 'MP-011',
      text: 'Invalid assertion. Invalid parameter value',
    },
  },
  {
    rule: 'MP-011: a required claim (iat) is missing',
    grant: () => signGrant(sim, now(), { claims: { iat: undefined } }),
    expected: { status: 400, error: 'invalid_request', code: 'MP-011', text: 'Invalid parameter value' },
  },
  {
    rule: 'MP-011: consumer_org that is not a 9-digit org number',
    grant: () => signGrant(sim, now(), { claims: { consumer_org: '0192:310000019' } }),
    expected: { status: 400, error: 'invalid_request', code: 'MP-011', text: 'Invalid parameter value' },
  },
  {
    rule: 'MP-124: alg "none" is refused',
    grant: () => signGrant(sim, now(), { header: { alg: 'none', x5c: sim.credentials.client.x5c } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-124', text: 'Invalid JWT signature' },
  },
  {
    rule: 'MP-124: HS256 is refused',
    grant: () => signGrant(sim, now(), { header: { alg: 'HS256', x5c: sim.credentials.client.x5c } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-124', text: 'Invalid JWT signature' },
  },
  {
    rule: 'MP-124: the signature was made with a key other than the certificate key',
    grant: () => signGrant(sim, now(), { keyPem: freshKey().privateKeyPem }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-124', text: 'Invalid JWT signature' },
  },
  {
    rule: 'a header with neither x5c nor kid is refused',
    grant: () => signGrant(sim, now(), { header: { alg: 'RS256' } }),
    expected: { status: 400, error: 'invalid_grant', text: 'The JWT header must contain x5c or kid' },
  },
  {
    rule: 'MP-100: an unknown client id in iss',
    grant: () => signGrant(sim, now(), { claims: { iss: 'no-such-client' } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-100', text: 'Client not found' },
  },
  {
    rule: 'MP-123: x5c as a plain string instead of an array',
    grant: () => signGrant(sim, now(), { header: { alg: 'RS256', x5c: sim.credentials.client.x5c[0] } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-123', text: 'Invalid JWT header x5c' },
  },
  {
    rule: 'MP-123: x5c entries in base64url instead of standard base64',
    grant: () =>
      signGrant(sim, now(), {
        header: {
          alg: 'RS256',
          x5c: [Buffer.from(sim.credentials.client.x5c[0] as string, 'base64').toString('base64url')],
        },
      }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-123', text: 'Invalid JWT header x5c' },
  },
  {
    rule: 'MP-123: x5c entries with PEM armour',
    grant: () => signGrant(sim, now(), { header: { alg: 'RS256', x5c: [sim.credentials.client.certPem] } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-123', text: 'Invalid JWT header x5c' },
  },
  {
    rule: 'MP-123: x5c that is base64 but not a certificate',
    grant: () =>
      signGrant(sim, now(), { header: { alg: 'RS256', x5c: [Buffer.from('not a certificate').toString('base64')] } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-123', text: 'Invalid JWT header x5c' },
  },
  {
    rule: 'MP-120: a certificate from another CA (a PROD certificate in TEST)',
    grant: () =>
      signGrant(sim, now(), {
        header: { alg: 'RS256', x5c: sim.credentials.untrusted.x5c },
        keyPem: sim.credentials.untrusted.keyPem,
      }),
    expected: {
      status: 400,
      error: 'invalid_grant',
      code: 'MP-120',
      text: 'The JWT is signed with an invalid certificate.',
    },
  },
  {
    rule: 'MP-120: an expired certificate from the test CA',
    grant: () => {
      const cert = caSignedCertificate(clock.now() - 400 * DAY, clock.now() - DAY);
      return signGrant(sim, now(), { header: { alg: 'RS256', x5c: cert.x5c }, keyPem: cert.keyPem });
    },
    expected: {
      status: 400,
      error: 'invalid_grant',
      code: 'MP-120',
      text: 'The JWT is signed with an invalid certificate.',
    },
  },
  {
    rule: 'MP-120: a certificate that is not valid yet',
    grant: () => {
      const cert = caSignedCertificate(clock.now() + DAY, clock.now() + 400 * DAY);
      return signGrant(sim, now(), { header: { alg: 'RS256', x5c: cert.x5c }, keyPem: cert.keyPem });
    },
    expected: {
      status: 400,
      error: 'invalid_grant',
      code: 'MP-120',
      text: 'The JWT is signed with an invalid certificate.',
    },
  },
  {
    rule: 'an unknown kid',
    grant: () =>
      signGrant(sim, now(), {
        header: { alg: 'RS256', kid: 'not-registered' },
        keyPem: sim.credentials.registeredKey.privateKeyPem,
      }),
    expected: { status: 400, error: 'invalid_grant', text: 'No key registered on the client with the given kid' },
  },
  {
    rule: 'MP-122: a test-CA certificate for another organisation than the client',
    grant: () =>
      signGrant(sim, now(), {
        header: { alg: 'RS256', x5c: sim.credentials.supplier.x5c },
        keyPem: sim.credentials.supplier.keyPem,
      }),
    expected: {
      status: 400,
      error: 'invalid_grant',
      code: 'MP-122',
      text: 'Invalid organization number for client. Does not match certificate orgno',
    },
  },
  {
    rule: 'MP-110: aud without the trailing slash',
    grant: () => signGrant(sim, now(), { claims: { aud: sim.url } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-110', text: 'Invalid JWT claim aud' },
  },
  {
    rule: 'MP-110: aud set to the token endpoint',
    grant: () => signGrant(sim, now(), { claims: { aud: sim.tokenUrl } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-110', text: 'Invalid JWT claim aud' },
  },
  {
    rule: 'MP-110: aud as an array',
    grant: () => signGrant(sim, now(), { claims: { aud: [sim.issuer] } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-110', text: 'Invalid JWT claim aud' },
  },
  ...['sub', 'nbf', 'client_id'].map(
    (claim): Case => ({
      rule: `an undocumented claim (${claim}) answers "Invalid assertion"`,
      grant: () => signGrant(sim, now(), { claims: { [claim]: claim === 'nbf' ? now() : 'x' } }),
      expected: { status: 400, error: 'invalid_request', text: `Invalid assertion. Claim not allowed: ${claim}` },
    }),
  ),
  {
    rule: 'exp − iat above 120 seconds',
    grant: () => signGrant(sim, now(), { claims: { exp: now() + 121 } }),
    expected: { status: 400, error: 'invalid_grant', text: 'Maximum 120 seconds allowed' },
  },
  {
    rule: 'iat more than 10 seconds ahead of the simulator clock',
    grant: () => signGrant(sim, now(), { claims: { iat: now() + 11, exp: now() + 100 } }),
    expected: { status: 400, error: 'invalid_grant', text: 'Issue time is after now' },
  },
  {
    rule: 'MP-130: an expired grant',
    grant: () => signGrant(sim, now(), { claims: { iat: now() - 200, exp: now() - 100 } }),
    expected: { status: 400, error: 'invalid_grant', code: 'MP-130', text: 'JWT is expired' },
  },
  {
    rule: 'MP-200: a scope the client has not been granted',
    grant: () => signGrant(sim, now(), { claims: { scope: 'ks:fiks ks:annet' } }),
    expected: {
      status: 400,
      error: 'invalid_scope',
      code: 'MP-200',
      text: 'Token request contains invalid scopes for client',
    },
  },
  {
    rule: 'consumer_org equal to the client’s own organisation',
    grant: () => signGrant(sim, now(), { claims: { consumer_org: sim.demo.orgnr } }),
    expected: {
      status: 400,
      error: 'invalid_request',
      text: 'The combination consumer_org in claim and delegation scope on client is invalid',
    },
  },
  {
    rule: 'MP-251: consumer_org that has not delegated the scope to the client',
    grant: () => signGrant(sim, now(), { claims: { consumer_org: sim.demo.supplierOrgnr } }),
    expected: {
      status: 403,
      error: 'access_denied',
      code: 'MP-251',
      text: `Consumer ${DEMO_LEVERANDOR.orgnr} has not delegated access to the scope ks:fiks to supplier ${DEMO_KOMMUNE.orgnr}`,
    },
  },
];

describe('POST /token refuses what Maskinporten refuses (docs/contract.md#s2.7)', () => {
  it.each(cases)('$rule', async ({ grant, expected }) => {
    const result = await postToken(sim, await grant());
    expect(result.status).toBe(expected.status);
    expect(result.json['error']).toBe(expected.error);
    const description = result.json['error_description'] as string;
    expect(description).toContain(expected.text);
    if (expected.code) expect(description).toContain(`(${expected.code})`);
    else expect(description).not.toMatch(/MP-\d{3}/);
    expect(description).toMatch(/correlation id: [0-9a-f-]{36}/);
    expect(sim.stats().tokenRequests).toMatchObject({ ok: 0, failed: 1 });
  });

  it('accepts exp − iat of exactly 120 seconds and iat exactly 10 seconds ahead', async () => {
    expect((await postToken(sim, await signGrant(sim, now(), { claims: { exp: now() + 120 } }))).status).toBe(200);
    const ahead = await signGrant(sim, now(), { claims: { iat: now() + 10, exp: now() + 60 } });
    expect((await postToken(sim, ahead)).status).toBe(200);
  });

  it('MP-012: a grant id (jti) is accepted once, then answers "Grant is used before"', async () => {
    const grant = await signGrant(sim, now());
    expect((await postToken(sim, grant)).status).toBe(200);
    const replay = await postToken(sim, grant);
    expect(replay.status).toBe(400);
    expect(replay.json['error_description']).toContain('Grant is used before (MP-012)');
    expect(sim.stats().tokenRequests.byError).toEqual({ 'MP-012': 1 });
  });

  it('MP-121: a registered key past its expiry', async () => {
    sim.registerClient({
      clientId: 'expired-key-client',
      orgnr: sim.demo.orgnr,
      scopes: ['ks:fiks'],
      keys: [{ kid: 'old-key', publicPem: sim.credentials.registeredKey.publicKeyPem, expiresAt: clock.now() - 1000 }],
    });
    const result = await postToken(
      sim,
      await signGrant(sim, now(), {
        header: { alg: 'RS256', kid: 'old-key' },
        keyPem: sim.credentials.registeredKey.privateKeyPem,
        claims: { iss: 'expired-key-client' },
      }),
    );
    expect(result.status).toBe(400);
    expect(result.json['error_description']).toContain('Expired key (MP-121)');
  });
});

describe('POST /token form handling (docs/contract.md#s2.2)', () => {
  const grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

  it('requires application/x-www-form-urlencoded', async () => {
    const result = await postToken(sim, await signGrant(sim, now()), { contentType: 'application/json' });
    expect(result.status).toBe(400);
    expect(result.json['error']).toBe('invalid_request');
  });

  it.each([
    ['grant_type', () => new URLSearchParams({ assertion: 'a.b.c' }).toString()],
    ['assertion', () => new URLSearchParams({ grant_type: grantType }).toString()],
  ])('requires %s', async (name, form) => {
    const result = await postToken(sim, '', { form: form() });
    expect(result.status).toBe(400);
    expect(result.json).toMatchObject({ error: 'invalid_request' });
    expect(result.json['error_description']).toContain(`Missing required parameter: ${name}`);
  });

  it('refuses another grant type', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', assertion: await signGrant(sim, now()) });
    const result = await postToken(sim, '', { form: form.toString() });
    expect(result.status).toBe(400);
    expect(result.json['error']).toBe('unsupported_grant_type');
  });

  it('refuses a repeated assertion parameter', async () => {
    const grant = await signGrant(sim, now());
    const form = `grant_type=${encodeURIComponent(grantType)}&assertion=${grant}&assertion=${grant}`;
    const result = await postToken(sim, '', { form });
    expect(result.status).toBe(400);
    expect(result.json['error_description']).toContain('Parameter included more than once: assertion');
  });

  it('answers GET /token with 405', async () => {
    const response = await fetch(sim.tokenUrl);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});

import { createKjoretoyregisterClient, type KjoretoyregisterClient } from '../../src/client.js';
import {
  FiksAuthenticationError,
  ForbiddenError,
  QuotaExceededError,
  RateLimitError,
  ResponseFormatError,
  TransportError,
  UpstreamError,
  ValidationError,
} from '../../src/errors.js';
import { CountingTokenProvider } from '../support/counting-token-provider.js';
import { fiksError, LoopbackServer } from '../support/loopback-server.js';
import { expectCoreError, expectRejection } from '../support/core-errors.js';

const FIKS_ORG_ID = '6f1c6b0e-4a55-4a5e-9d38-0c5f0f2f7a11';
const INTEGRASJON_ID = 'b3a0f0de-2c1f-4b8e-9a7e-5d3c2b1a0f99';
const PASSORD = 'integrasjon-passord-hemmelig';
const VIN = 'TESTDIGDIR0000016';
const VEHICLE = { kjoretoyId: { kjennemerke: 'CU 10942', understellsnummer: VIN, kuid: '3378119709' } };

describe('request pipeline over real HTTP', () => {
  let server: LoopbackServer;
  let tokens: CountingTokenProvider;
  let client: KjoretoyregisterClient;

  beforeEach(async () => {
    server = await new LoopbackServer().start();
    tokens = new CountingTokenProvider();
    client = createKjoretoyregisterClient({
      fiksApiUrl: server.url,
      fiksOrgId: FIKS_ORG_ID,
      integrasjonId: INTEGRASJON_ID,
      integrasjonPassord: PASSORD,
      tokenProvider: tokens,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      timeoutMs: 2_000,
    });
  });

  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  const lookupVin = () => client.lookupUnderstellsnummer(VIN);

  it('sends the Fiks headers, the fiksOrgId path and a request id', async () => {
    server.reply({ status: 200, body: [{ kjoretoy: VEHICLE, responskoder: [] }] });
    await lookupVin();
    const [request] = server.requests;
    expect(request.url).toBe(
      `/kjoretoyregister/api/${FIKS_ORG_ID}/rest/distribusjon/kjoretoy/v2.0/bulk/understellsnummer/${VIN}`,
    );
    expect(request.headers['authorization']).toBe('Bearer test-token-1');
    expect(request.headers['integrasjonid']).toBe(INTEGRASJON_ID);
    expect(request.headers['integrasjonpassord']).toBe(PASSORD);
    expect(request.headers['accept']).toBe('application/json');
    expect(request.headers['requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.headers['content-type']).toBeUndefined();
  });

  it('sets Content-Type only on POST with a JSON body', async () => {
    server.reply({ status: 200, body: [{ kjoretoy: VEHICLE, responskoder: [] }] });
    await client.lookupKjennemerke(['CU10942']);
    expect(server.requests[0].method).toBe('POST');
    expect(server.requests[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[0].body)).toEqual([{ kjennemerke: 'CU10942' }]);
  });

  it('encodes + in a dtg query as %2B', async () => {
    server.reply({ status: 200, body: [] });
    await client.lookupUnderstellsnummer(VIN, { dtg: '2023-06-01T12:00:00.000+02:00' });
    expect(server.requests[0].url).toContain('?dtg=2023-06-01T12%3A00%3A00.000%2B02%3A00');
  });

  it('percent-encodes search wildcards and spaces as SVV documents them', async () => {
    server.reply({ status: 204 });
    await client.sok('understellsnummer', { understellsnummer: 'TESTDIGDIR*' });
    await client.sok('eiernavn', { navn: 'HELGE KROKEN' });
    expect(server.requests[0].url).toContain('understellsnummer=TESTDIGDIR%2A');
    expect(server.requests[1].url).toContain('navn=HELGE%20KROKEN');
  });

  it('evicts the token and retries once when Fiks rejects the token', async () => {
    server.reply(
      { status: 401, body: fiksError(401, 'Klarte ikke å validere access_token') },
      { status: 200, body: [{ kjoretoy: VEHICLE, responskoder: [] }] },
    );
    const result = await lookupVin();
    expect(result.status).toBe('found');
    expect(server.requests).toHaveLength(2);
    expect(tokens.fetches).toBe(2);
    expect(server.requests[1].headers['authorization']).toBe('Bearer test-token-2');
  });

  it('retries a second token rejection with a fresh token and gives up at the third', async () => {
    server.reply({ status: 401, body: fiksError(401, 'Klarte ikke å validere access_token') });
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FiksAuthenticationError);
    expect(error).toMatchObject({
      code: 'KJR_FIKS_AUTHENTICATION',
      kind: 'token',
      status: 401,
      retryable: false,
      errorId: '3389ad1b-afa4-42e1-b6f8-76f63e560ad5',
    });
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((r) => r.headers['authorization'])).toEqual([
      'Bearer test-token-1',
      'Bearer test-token-2',
      'Bearer test-token-3',
    ]);
    expect(new Set(server.requests.map((r) => r.headers['requestid'])).size).toBe(1);
  });

  it('succeeds when the token is accepted after two rejections in a row', async () => {
    server.reply(
      { status: 401, body: fiksError(401, 'Klarte ikke å validere access_token') },
      { status: 401, body: fiksError(401, 'Klarte ikke å validere access_token') },
      { status: 200, body: [{ kjoretoy: VEHICLE, responskoder: [] }] },
    );
    const result = await lookupVin();
    expect(result.status).toBe('found');
    expect(server.requests).toHaveLength(3);
    expect(tokens.fetches).toBe(3);
  });

  it('never retries an integration rejection', async () => {
    server.reply({
      status: 401,
      body: fiksError(401, `Autentisering feilet for integrasjon med id ${INTEGRASJON_ID}`),
    });
    const error = await lookupVin().catch((e: unknown) => e);
    expectCoreError(error, FiksAuthenticationError, 'KJR_FIKS_AUTHENTICATION');
    expect(error).toMatchObject({ code: 'KJR_FIKS_AUTHENTICATION', kind: 'integration' });
    expect(server.requests).toHaveLength(1);
    expect(tokens.fetches).toBe(1);
  });

  it('classifies a 401 by the raw body when it is not JSON', async () => {
    server.reply({ status: 401, text: 'Klarte ikke å validere access_token' });
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'token' });
  });

  it('maps 403 to ForbiddenError without retrying', async () => {
    server.reply({ status: 403, body: fiksError(403, 'Ingen tilgang') });
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ code: 'KJR_FORBIDDEN', status: 403 });
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a 422 quota answer and reports when it resets', async () => {
    server.reply({
      status: 422,
      text: 'Antall kjoretoy i respons overstiger kvote',
      headers: { 'retry-after': '3600', gjenstaendekvote: '0' },
    });
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({
      code: 'KJR_QUOTA_EXCEEDED',
      retryAfterMs: 3_600_000,
      retryAfter: 3600,
      gjenstaendeKvote: 0,
      retryable: false,
    });
    expect((error as QuotaExceededError).resetsAt).toBeInstanceOf(Date);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 429 after its Retry-After and succeeds', async () => {
    server.reply(
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 200, body: [{ kjoretoy: VEHICLE, responskoder: [] }] },
    );
    expect((await lookupVin()).status).toBe('found');
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const soon = new Date(Date.now() + 1_000).toUTCString();
    server.reply(
      { status: 503, headers: { 'retry-after': soon } },
      { status: 200, body: [{ kjoretoy: VEHICLE, responskoder: [] }] },
    );
    expect((await lookupVin()).status).toBe('found');
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 429 whose Retry-After exceeds the ceiling', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '3600' } });
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'KJR_RATE_LIMITED', retryAfterMs: 3_600_000 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries 502/503/504 up to maxAttempts and keeps the svvguid', async () => {
    server.reply({
      status: 503,
      body: {
        svvguid: '0d5c3a4e-1111-4222-8333-944455556666',
        responskoder: [{ kode: 'FEIL', beskrivelse: 'Teknisk feil' }],
      },
    });
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({
      code: 'KJR_UPSTREAM',
      status: 503,
      svvguid: '0d5c3a4e-1111-4222-8333-944455556666',
      retryable: true,
    });
    expect(server.requests).toHaveLength(3);
  });

  it('reads svvguid from a header too', async () => {
    server.reply({ status: 502, text: 'Bad gateway', headers: { SvvGuid: 'abc-123' } });
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toMatchObject({ svvguid: 'abc-123' });
  });

  it('does not retry a 500', async () => {
    server.reply({ status: 500, body: { svvguid: 'g-1' } });
    await expectRejection(lookupVin(), UpstreamError, 'KJR_UPSTREAM');
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a bulk POST unless retryBulkPost is set', async () => {
    server.reply({ status: 503 });
    const [outcome] = await client.lookupKjennemerke(['CU10942']);
    expect(outcome.status).toBe('error');
    expectCoreError(outcome.error, UpstreamError, 'KJR_UPSTREAM');
    expect(server.requests).toHaveLength(1);
  });

  it('maps a 400 to ValidationError carrying responskoder', async () => {
    server.reply({
      status: 400,
      body: { responskoder: [{ kode: 'UGYLDIG_PARAMETER', beskrivelse: 'Parameterfeil' }] },
    });
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      code: 'KJR_VALIDATION',
      responskoder: [{ kode: 'UGYLDIG_PARAMETER', beskrivelse: 'Parameterfeil' }],
    });
  });

  it('maps an undocumented status to UpstreamError', async () => {
    server.reply({ status: 418, text: 'teapot' });
    const error = await expectRejection(lookupVin(), UpstreamError, 'KJR_UPSTREAM');
    expect(error).toMatchObject({ code: 'KJR_UPSTREAM', status: 418, retryable: false });
  });

  it('rejects a 200 whose body is not JSON', async () => {
    server.reply({ status: 200, text: '<html>proxy login</html>' });
    await expectRejection(lookupVin(), ResponseFormatError, 'KJR_RESPONSE_FORMAT');
  });

  it('treats a bodiless 204 as not found instead of crashing', async () => {
    server.reply({ status: 204 });
    await expect(lookupVin()).resolves.toMatchObject({ status: 'not_found', kjoretoy: [] });
  });

  it('maps a reset connection to a retryable TransportError and retries it', async () => {
    server.reply('reset', { status: 200, body: [{ kjoretoy: VEHICLE, responskoder: [] }] });
    expect((await lookupVin()).status).toBe('found');
    expect(server.requests).toHaveLength(2);
  });

  it('times out a hanging request', async () => {
    await client.close();
    client = createKjoretoyregisterClient({
      fiksApiUrl: server.url,
      fiksOrgId: FIKS_ORG_ID,
      integrasjonId: INTEGRASJON_ID,
      integrasjonPassord: PASSORD,
      tokenProvider: tokens,
      timeoutMs: 200,
      maxAttempts: 1,
    });
    server.reply('hang');
    const error = await lookupVin().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'timeout' });
  });

  it('stops when the caller aborts', async () => {
    server.reply('hang');
    const controller = new AbortController();
    const aborted = client.lookupUnderstellsnummer(VIN, { signal: controller.signal });
    setImmediate(() => controller.abort());
    const error = await expectRejection(aborted, TransportError, 'KJR_TRANSPORT');
    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'aborted' });
  });
});

describe('client lifecycle', () => {
  it('can be closed twice', async () => {
    const client = createKjoretoyregisterClient({
      fiksApiUrl: 'http://127.0.0.1:9',
      fiksOrgId: FIKS_ORG_ID,
      integrasjonId: INTEGRASJON_ID,
      integrasjonPassord: PASSORD,
      tokenProvider: new CountingTokenProvider(),
    });
    await client.close();
    await expect(client.close()).resolves.toBeUndefined();
  });
});

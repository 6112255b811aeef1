import { requestToken } from '../../src/auth/token-client.js';
import { KjoretoyregisterError, MaskinportenError, TransportError } from '../../src/errors.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import type { Transport } from '../../src/transport/transport.js';
import { LoopbackServer } from '../support/loopback-server.js';
import { expectCoreError } from '../support/core-errors.js';

/** Shaped like a compact JWS so the redaction rule has something real to catch. */
const ASSERTION = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJjbGllbnQifQ.c2lnbmF0dXJlLWJ5dGVz';

let server: LoopbackServer;
let transport: Transport;

beforeEach(async () => {
  server = await new LoopbackServer().start();
  transport = createFetchTransport({ proxy: false });
});

afterEach(async () => {
  await transport.close?.();
  await server.stop();
});

const tokenUrl = () => `${server.url}/token`;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('requestToken', () => {
  it('POSTs exactly the two documented form fields with the documented headers', async () => {
    server.reply({
      status: 200,
      body: {
        access_token: 'at-1',
        token_type: 'Bearer',
        expires_in: 119,
        scope: 'ks:fiks',
      },
    });

    const result = await requestToken({
      transport,
      tokenUrl: tokenUrl(),
      assertion: ASSERTION,
    });

    expect(result).toEqual({
      accessToken: 'at-1',
      expiresIn: 119,
      tokenType: 'Bearer',
      scope: 'ks:fiks',
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/token');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['accept']).toBe('application/json');
    expect(request?.headers['authorization']).toBeUndefined();
    expect(request?.body).toBe(
      `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${ASSERTION}`,
    );
  });

  it('turns a 400 with a Maskinporten JSON body into a MaskinportenError with the MP code', async () => {
    const description =
      'Invalid organization number for client. Does not match certificate orgno (MP-122) (correlation id: 5f1c)';
    server.reply({
      status: 400,
      body: { error: 'invalid_grant', error_description: description },
    });

    const error = await rejection(requestToken({ transport, tokenUrl: tokenUrl(), assertion: ASSERTION }));

    expect(error).toBeInstanceOf(MaskinportenError);
    expect(error).toMatchObject({
      code: 'KJR_MASKINPORTEN',
      status: 400,
      error: 'invalid_grant',
      errorDescription: description,
      mpCode: 'MP-122',
      retryable: false,
    });
    expect((error as Error).message).toBe(`Maskinporten rejected the grant (MP-122 invalid_grant): ${description}`);
  });

  it('keeps a plain-text 403 body as text and finds the MP code in it', async () => {
    const text =
      'Consumer 310000001 has not delegated access to the scope ks:fiks to supplier 310000002 (MP-251) (correlation id: 9a8b)';
    server.reply({
      status: 403,
      text,
      headers: { 'content-type': 'text/plain' },
    });

    const error = await rejection(requestToken({ transport, tokenUrl: tokenUrl(), assertion: ASSERTION }));

    expectCoreError(error, MaskinportenError, 'KJR_MASKINPORTEN');
    expect(error).toMatchObject({
      status: 403,
      mpCode: 'MP-251',
      error: undefined,
      retryable: false,
      details: { body: text, contentType: 'text/plain' },
    });
    expect((error as Error).message).toBe(`Maskinporten rejected the grant (HTTP 403 MP-251): ${text}`);
  });

  it('marks 503 as retryable and 4xx as not', async () => {
    server.reply({
      status: 503,
      body: {
        error: 'temporarily_unavailable',
        error_description: 'Maintenance',
      },
    });
    const error = await rejection(requestToken({ transport, tokenUrl: tokenUrl(), assertion: ASSERTION }));
    expectCoreError(error, MaskinportenError, 'KJR_MASKINPORTEN');
    expect(error).toMatchObject({
      status: 503,
      retryable: true,
      error: 'temporarily_unavailable',
    });
    expect((error as Error).message).toBe(
      'Maskinporten token endpoint failed with HTTP 503 (temporarily_unavailable): Maintenance',
    );
  });

  it('keeps HTML error pages out of the message and truncates them in details', async () => {
    const html = `<html><body>${'x'.repeat(2000)}</body></html>`;
    server.reply({
      status: 502,
      text: html,
      headers: { 'content-type': 'text/html' },
    });
    const error = (await rejection(
      requestToken({ transport, tokenUrl: tokenUrl(), assertion: ASSERTION }),
    )) as MaskinportenError;
    expect(error.message).toBe('Maskinporten token endpoint failed with HTTP 502 (HTTP 502)');
    expect(error.retryable).toBe(true);
    expect((error.details as { body: string }).body.length).toBeLessThanOrEqual(501);
  });

  it('never lets the assertion reach an error, even when the endpoint echoes it', async () => {
    server.reply({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: `Invalid assertion ${ASSERTION}`,
      },
    });
    const error = (await rejection(
      requestToken({ transport, tokenUrl: tokenUrl(), assertion: ASSERTION }),
    )) as MaskinportenError;
    expect(
      JSON.stringify({
        message: error.message,
        details: error.details,
        description: error.errorDescription,
      }),
    ).not.toContain(ASSERTION);
    expect(error.message).toContain('[redacted JWT]');
  });

  it.each([
    ['no expires_in', { access_token: 'secret-token-value' }, 'lacks a valid expires_in'],
    ['no access_token', { expires_in: 120 }, 'lacks a valid access_token'],
    ['a negative expires_in', { access_token: 'secret-token-value', expires_in: -1 }, 'lacks a valid expires_in'],
  ])('rejects a 200 with %s, without echoing the body', async (_name, body, text) => {
    server.reply({ status: 200, body });
    const error = (await rejection(
      requestToken({ transport, tokenUrl: tokenUrl(), assertion: ASSERTION }),
    )) as MaskinportenError;
    expectCoreError(error, MaskinportenError, 'KJR_MASKINPORTEN');
    expect(error.message).toBe(`Maskinporten token response (HTTP 200) ${text}`);
    expect(JSON.stringify(error.details)).not.toContain('secret-token-value');
  });

  it('rejects a 200 that is not JSON', async () => {
    server.reply({ status: 200, text: 'OK' });
    const error = await rejection(requestToken({ transport, tokenUrl: tokenUrl(), assertion: ASSERTION }));
    expectCoreError(error, MaskinportenError, 'KJR_MASKINPORTEN');
    expect((error as Error).message).toBe('Maskinporten token response (HTTP 200) is not a JSON object');
  });

  it('fails with TransportError "timeout" when the endpoint does not answer in time', async () => {
    server.reply('hang');
    const error = await rejection(
      requestToken({
        transport,
        tokenUrl: tokenUrl(),
        assertion: ASSERTION,
        timeoutMs: 50,
      }),
    );
    expectCoreError(error, TransportError, 'KJR_TRANSPORT');
    expect(error).toMatchObject({
      failure: 'timeout',
      retryable: true,
      message: 'Maskinporten token request timed out after 50 ms',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('fails with TransportError "aborted" when the caller aborts', async () => {
    server.reply('hang');
    const controller = new AbortController();
    const pending = rejection(
      requestToken({
        transport,
        tokenUrl: tokenUrl(),
        assertion: ASSERTION,
        signal: controller.signal,
      }),
    );
    await waitFor(() => server.requests.length === 1);
    controller.abort();
    const error = await pending;
    expectCoreError(error, TransportError, 'KJR_TRANSPORT');
    expect(error).toMatchObject({ failure: 'aborted', retryable: false });
  });

  it('fails with TransportError "network" when the connection is reset', async () => {
    server.reply('reset');
    const error = await rejection(requestToken({ transport, tokenUrl: tokenUrl(), assertion: ASSERTION }));
    expectCoreError(error, TransportError, 'KJR_TRANSPORT');
    expect(error).toMatchObject({ failure: 'network' });
  });

  it('wraps a foreign error from a custom transport as TransportError "network"', async () => {
    const cause = new Error('socket hang up');
    const failing: Transport = { send: () => Promise.reject(cause) };
    const error = await rejection(
      requestToken({
        transport: failing,
        tokenUrl: tokenUrl(),
        assertion: ASSERTION,
      }),
    );
    expectCoreError(error, TransportError, 'KJR_TRANSPORT');
    expect(error).toMatchObject({ failure: 'network', cause });
  });

  it('passes a KjoretoyregisterError from the transport through unchanged', async () => {
    const own = new TransportError('Network error (ECONNREFUSED)', {
      failure: 'network',
    });
    const failing: Transport = { send: () => Promise.reject(own) };
    const error = await rejection(
      requestToken({
        transport: failing,
        tokenUrl: tokenUrl(),
        assertion: ASSERTION,
      }),
    );
    expect(error).toBe(own);
    expect(error).toBeInstanceOf(KjoretoyregisterError);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!condition()) throw new Error('condition not met');
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError, TransportError } from '../../src/errors.js';
import { bodyText, plainHeaders, transportErrorFrom } from '../../src/transport/adapter-kit.js';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';

/** What an axios error looks like where it matters here: the request config, secrets included. */
function axiosLikeError(code: string, message: string): Error {
  return Object.assign(new Error(message), {
    name: 'AxiosError',
    code,
    config: {
      url: 'https://api.fiks.test.ks.no/kjoretoyregister/api/org/rest/distribusjon/kjoretoy/v2.0/bulk/understellsnummer/TESTDIGDIR0000016',
      headers: { Authorization: 'Bearer eyJhbGciOi.secret.token', IntegrasjonPassord: 'hemmelig-passord' },
      data: '[{"kjennemerke":"CU10942"}]',
    },
    request: { path: '/bulk/understellsnummer/TESTDIGDIR0000016' },
  });
}

const SECRETS = ['eyJhbGciOi', 'hemmelig-passord', 'TESTDIGDIR0000016', 'CU10942', 'api.fiks.test.ks.no'];

function serialised(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return [
    (error as Error).message,
    JSON.stringify(cause, Object.getOwnPropertyNames(cause ?? {})),
    String(cause),
    JSON.stringify(Object.entries(cause ?? {})),
  ].join('\n');
}

describe('plainHeaders', () => {
  it('lower-cases names and joins array values with ", "', () => {
    expect(plainHeaders({ 'Retry-After': '2', 'Set-Cookie': ['a=1', 'b=2'], 'X-Count': 3 })).toEqual({
      'retry-after': '2',
      'set-cookie': 'a=1, b=2',
      'x-count': '3',
    });
  });

  it('reads AxiosHeaders through toJSON and drops unset (false/null/undefined) values', () => {
    const axiosHeaders = {
      toJSON: () => ({ 'Content-Type': 'application/json', svvguid: 'abc', Unset: false, Gone: null }),
      'content-type': 'ignored: toJSON is authoritative',
    };
    expect(plainHeaders(axiosHeaders)).toEqual({ 'content-type': 'application/json', svvguid: 'abc' });
  });

  it('iterates a fetch Headers object', () => {
    const headers = new Headers({ 'Retry-After': '5', 'Content-Type': 'text/plain' });
    expect(plainHeaders(headers)).toEqual({ 'retry-after': '5', 'content-type': 'text/plain' });
  });

  it('gives {} for anything that is not a header object', () => {
    expect(plainHeaders(undefined)).toEqual({});
    expect(plainHeaders('content-type: x')).toEqual({});
  });
});

describe('bodyText', () => {
  it('keeps a string as is and turns null/undefined into an empty body', () => {
    expect(bodyText('{"a":1}')).toBe('{"a":1}');
    expect(bodyText(null)).toBe('');
    expect(bodyText(undefined)).toBe('');
  });

  it('decodes bytes as UTF-8 (Uint8Array, Buffer, ArrayBuffer, a view into a larger buffer)', () => {
    const bytes = new TextEncoder().encode('Kjøretøy «å»');
    expect(bodyText(bytes)).toBe('Kjøretøy «å»');
    expect(bodyText(Buffer.from('Klarte ikke å validere access_token'))).toBe('Klarte ikke å validere access_token');
    expect(bodyText(bytes.buffer)).toBe('Kjøretøy «å»');
    const padded = new TextEncoder().encode('xxøyy');
    expect(bodyText(new Uint8Array(padded.buffer, 2, 2))).toBe('ø');
  });

  it('serialises a body the host already parsed as JSON', () => {
    expect(JSON.parse(bodyText({ responskoder: [{ kode: 'X' }] }))).toEqual({ responskoder: [{ kode: 'X' }] });
  });
});

describe('transportErrorFrom', () => {
  it('drops the Authorization header, the password, the URL and the body from the cause', () => {
    const error = transportErrorFrom(
      axiosLikeError('ECONNRESET', 'socket hang up at https://api.fiks.test.ks.no/x/TESTDIGDIR0000016'),
      undefined,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'network', message: 'Network error (ECONNRESET)' });
    const cause = error.cause as Error & { code?: string };
    expect(cause).toBeInstanceOf(Error);
    expect(cause.name).toBe('AxiosError');
    expect(cause.code).toBe('ECONNRESET');
    expect(Object.keys(cause).sort()).toEqual(['code', 'name']);
    for (const secret of SECRETS) expect(serialised(error)).not.toContain(secret);
  });

  it('sanitises the cause of a timeout and of an abort too', () => {
    const timeout = transportErrorFrom(axiosLikeError('ECONNABORTED', 'timeout of 30000ms exceeded'), undefined);
    expect(timeout).toMatchObject({ failure: 'timeout', message: 'Request timed out' });
    const controller = new AbortController();
    controller.abort();
    const aborted = transportErrorFrom(axiosLikeError('ERR_CANCELED', 'canceled'), controller.signal);
    expect(aborted).toMatchObject({ failure: 'aborted', message: 'Request aborted', retryable: false });
    for (const error of [timeout, aborted])
      for (const secret of SECRETS) expect(serialised(error)).not.toContain(secret);
  });

  it.each([
    'ECONNABORTED',
    'ETIMEDOUT',
    'ESOCKETTIMEDOUT',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
  ])('classifies %s as a timeout', (code) => {
    expect(transportErrorFrom(Object.assign(new Error('x'), { code }), undefined)).toMatchObject({
      failure: 'timeout',
    });
  });

  it('takes a timeout from the signal reason, a TimeoutError or an AbortError by name', () => {
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('signal timed out', 'TimeoutError'));
    expect(transportErrorFrom(new Error('aborted'), timedOut.signal)).toMatchObject({ failure: 'timeout' });
    expect(transportErrorFrom(new DOMException('t', 'TimeoutError'), undefined)).toMatchObject({ failure: 'timeout' });
    expect(transportErrorFrom(new DOMException('a', 'AbortError'), undefined)).toMatchObject({ failure: 'aborted' });
  });

  it('finds a socket code deep in the cause chain, or in the httpCode n8n copies it into', () => {
    const undiciStyle = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(transportErrorFrom(undiciStyle, undefined).message).toBe('Network error (ECONNREFUSED)');
    const n8nStyle = Object.assign(new Error('The service refused the connection'), { httpCode: 'ECONNREFUSED' });
    expect(transportErrorFrom(n8nStyle, undefined).message).toBe('Network error (ECONNREFUSED)');
    const statusInHttpCode = Object.assign(new Error('Bad request'), { httpCode: '400' });
    expect(transportErrorFrom(statusInHttpCode, undefined).message).toBe('Network error');
  });

  it('passes a core error through unchanged', () => {
    const own = new ConfigurationError([{ path: 'maskinporten.clientId', message: 'is required' }]);
    expect(transportErrorFrom(own, undefined)).toBe(own);
  });

  it('names the request in the message when told what it was', () => {
    const error = transportErrorFrom(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), undefined, {
      what: 'Maskinporten token request',
    });
    expect(error.message).toBe('Maskinporten token request failed: network error (ECONNREFUSED)');
  });

  it('is what core fetch transport throws: a refused connection keeps only name and code', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const transport = createFetchTransport({ proxy: false });
    const error: unknown = await transport
      .send({
        method: 'GET',
        url: `http://127.0.0.1:${port}/bulk/understellsnummer/TESTDIGDIR0000016`,
        headers: { Authorization: 'Bearer eyJhbGciOi.secret.token', IntegrasjonPassord: 'hemmelig-passord' },
        target: 'fiks',
      })
      .catch((e: unknown) => e);
    await transport.close?.();
    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'network', message: 'Network error (ECONNREFUSED)' });
    expect(Object.keys((error as Error).cause as object).sort()).toEqual(['code', 'name']);
    for (const secret of SECRETS) expect(serialised(error)).not.toContain(secret);
  });
});

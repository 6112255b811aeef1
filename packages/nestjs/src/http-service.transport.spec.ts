import { inspect } from 'node:util';
import { TransportError, type TransportRequest } from '@kjoretoyregister/core';
import { HttpService } from '@nestjs/axios';
import axios, { type AxiosInstance } from 'axios';
import { LoopbackServer } from '../test/support/loopback-server.js';
import { HttpServiceTransport } from './http-service.transport.js';

const PASSWORD = 'integrasjon-passord-under-test';
const TOKEN = 'eyJ-access-token-under-test';

function transportOver(instance: AxiosInstance): HttpServiceTransport {
  return new HttpServiceTransport(new HttpService(instance as ConstructorParameters<typeof HttpService>[0]));
}

function request(url: string, init: Partial<TransportRequest> = {}): TransportRequest {
  return {
    method: 'GET',
    url,
    headers: { Accept: 'application/json', Authorization: `Bearer ${TOKEN}`, IntegrasjonPassord: PASSWORD },
    target: 'fiks',
    ...init,
  };
}

describe('HttpServiceTransport', () => {
  let server: LoopbackServer;
  let transport: HttpServiceTransport;

  afterEach(async () => {
    await transport?.close();
    await server?.stop();
  });

  it('returns non-2xx answers with status, raw body text and lower-cased headers instead of throwing', async () => {
    server = await new LoopbackServer((_req, res) => {
      res.writeHead(422, { 'Content-Type': 'application/json', 'Retry-After': '120', 'X-Custom-Header': 'a' });
      res.end('{"gjenstaendeKvote":0}');
    }).start();
    transport = transportOver(axios.create());

    const response = await transport.send(request(`${server.url}/bulk`));

    expect(response.status).toBe(422);
    expect(response.body).toBe('{"gjenstaendeKvote":0}');
    expect(response.headers).toMatchObject({
      'content-type': 'application/json',
      'retry-after': '120',
      'x-custom-header': 'a',
    });
  });

  it('sends method, headers and the serialised body exactly as core built them', async () => {
    server = await new LoopbackServer((_req, res) => res.writeHead(204).end()).start();
    transport = transportOver(axios.create());
    const body = JSON.stringify([{ kjennemerke: 'CU10942' }]);

    const response = await transport.send(
      request(`${server.url}/bulk/kjennemerke?x=%2B1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', IntegrasjonId: 'id-1' },
        body,
      }),
    );

    expect(response).toEqual(expect.objectContaining({ status: 204, body: '' }));
    const [received] = server.requests;
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/bulk/kjennemerke?x=%2B1');
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['integrasjonid']).toBe('id-1');
    expect(received.body).toBe(body);
  });

  it("goes through the app's axios instance: its interceptors see the request", async () => {
    server = await new LoopbackServer((_req, res) => res.writeHead(200).end('ok')).start();
    const instance = axios.create();
    const seen: string[] = [];
    instance.interceptors.request.use((config) => {
      seen.push(String(config.url));
      config.headers.set('X-App-Interceptor', 'yes');
      return config;
    });
    transport = transportOver(instance);

    await transport.send(request(`${server.url}/token`, { method: 'POST', target: 'maskinporten', body: 'a=b' }));

    expect(seen).toEqual([`${server.url}/token`]);
    expect(server.requests[0].headers['x-app-interceptor']).toBe('yes');
  });

  it('does not follow redirects: a 3xx is an answer for core to map', async () => {
    server = await new LoopbackServer((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { Location: '/target' }).end();
      else res.writeHead(200).end('followed');
    }).start();
    transport = transportOver(axios.create());

    const response = await transport.send(request(`${server.url}/moved`));

    expect(response.status).toBe(302);
    expect(server.requests).toHaveLength(1);
  });

  it('maps a refused connection to TransportError(network) whose cause holds no headers', async () => {
    server = await new LoopbackServer(() => undefined).start();
    const closedUrl = server.url;
    await server.stop();
    transport = transportOver(axios.create());

    const error = await transport.send(request(`${closedUrl}/x`)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'network', retryable: true });
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
    expect(inspect((error as Error).cause, { depth: 10 })).not.toMatch(/IntegrasjonPassord|Authorization/i);
  });

  it("maps the caller's abort to TransportError(aborted) and a TimeoutError abort to timeout", async () => {
    server = await new LoopbackServer((_req, res) => server.hold(res)).start();
    transport = transportOver(axios.create());

    const caller = new AbortController();
    const aborted = transport.send(request(`${server.url}/a`, { signal: caller.signal })).catch((e: unknown) => e);
    await server.receivedRequests(1);
    caller.abort();
    expect(await aborted).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'aborted', retryable: false });

    const timer = new AbortController();
    const timedOut = transport.send(request(`${server.url}/b`, { signal: timer.signal })).catch((e: unknown) => e);
    await server.receivedRequests(2);
    timer.abort(new DOMException('The operation timed out', 'TimeoutError'));
    expect(await timedOut).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'timeout', retryable: true });
  });

  it("maps the app's axios timeout to TransportError(timeout)", async () => {
    server = await new LoopbackServer((_req, res) => server.hold(res)).start();
    transport = transportOver(axios.create({ timeout: 20 }));

    const error = await transport.send(request(`${server.url}/slow`)).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'KJR_TRANSPORT', failure: 'timeout' });
  });

  it('keeps connections alive between requests and closes them on close()', async () => {
    server = await new LoopbackServer((_req, res) => res.writeHead(200).end('ok')).start();
    transport = transportOver(axios.create());

    await transport.send(request(`${server.url}/1`));
    await transport.send(request(`${server.url}/2`));
    expect(server.sockets.size).toBe(1);

    await transport.close();
    await server.allSocketsClosed();
    expect(server.sockets.size).toBe(0);
  });

  it('leaves an agent the app configured on its axios instance in charge', async () => {
    server = await new LoopbackServer((_req, res) => res.writeHead(200).end('ok')).start();
    const { Agent } = await import('node:http');
    const appAgent = new Agent({ keepAlive: true });
    transport = transportOver(axios.create({ httpAgent: appAgent }));

    await transport.send(request(`${server.url}/1`));
    await transport.close();

    // Our close() does not touch the app's agent: its socket stays until the app destroys it.
    expect(server.sockets.size).toBe(1);
    appAgent.destroy();
    await server.allSocketsClosed();
  });
});

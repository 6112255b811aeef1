import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createFetchTransport } from '../../src/transport/fetch-transport.js';
import { LoopbackServer } from '../support/loopback-server.js';

/**
 * A minimal forward proxy: absolute-form requests and CONNECT tunnels (undici tunnels every
 * proxied request). Records the targets it was asked for.
 */
async function startProxy(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, clientSocket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('default fetch transport', () => {
  let target: LoopbackServer;
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  beforeEach(async () => {
    target = await new LoopbackServer().reply({ status: 200, body: { ok: true } }).start();
    proxy = await startProxy();
  });
  afterEach(async () => {
    await target.stop();
    proxy.server.closeAllConnections();
    await new Promise((resolve) => proxy.server.close(resolve));
  });

  const send = (transport: ReturnType<typeof createFetchTransport>) =>
    transport.send({ method: 'GET', url: `${target.url}/ping`, headers: {}, target: 'fiks' });

  it('goes through HTTP_PROXY when the environment names one', async () => {
    const transport = createFetchTransport({ env: { HTTP_PROXY: proxy.url } });
    const response = await send(transport);
    await transport.close?.();
    expect(response.status).toBe(200);
    expect(proxy.seen).toEqual([`CONNECT ${new URL(target.url).host}`]);
    expect(target.requests).toHaveLength(1);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const transport = createFetchTransport({ env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    await send(transport);
    await transport.close?.();
    expect(proxy.seen).toEqual([]);
    expect(target.requests).toHaveLength(1);
  });

  it('ignores proxy variables when proxy is false', async () => {
    const transport = createFetchTransport({ proxy: false, env: { HTTP_PROXY: proxy.url } });
    await send(transport);
    await transport.close?.();
    expect(proxy.seen).toEqual([]);
  });

  it('returns non-2xx answers as responses with lower-cased headers, never throwing', async () => {
    await target.stop();
    target = await new LoopbackServer().reply({ status: 503, text: 'down', headers: { 'Retry-After': '2' } }).start();
    const transport = createFetchTransport({ proxy: false });
    const response = await send(transport);
    await transport.close?.();
    expect(response).toMatchObject({ status: 503, body: 'down', headers: { 'retry-after': '2' } });
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (request: RecordedRequest, res: ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 for unit tests: records every request and lets the test answer
 * it (or hold it open). Tracks sockets so tests can see keep-alive connections close.
 */
export class LoopbackServer {
  readonly requests: RecordedRequest[] = [];
  readonly sockets = new Set<Socket>();
  private readonly held = new Set<ServerResponse>();
  private server?: Server;
  private waiters: Array<() => void> = [];
  url = '';

  constructor(private handler: Handler) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Leaves the response open until `stop()`: for timeout and abort tests. */
  hold(res: ServerResponse): void {
    this.held.add(res);
  }

  /** Resolves once `count` requests have arrived (no sleeping). */
  receivedRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(() => this.requests.length >= count && resolve()));
  }

  /** Resolves once every client socket has closed. */
  async allSocketsClosed(): Promise<void> {
    await Promise.all(
      [...this.sockets].map(
        (socket) => new Promise((resolve) => (socket.closed ? resolve(undefined) : socket.once('close', resolve))),
      ),
    );
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(recorded);
    for (const waiter of this.waiters) waiter();
    this.handler(recorded, res);
  }
}

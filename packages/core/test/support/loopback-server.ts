import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Reply =
  | { status: number; body?: unknown; text?: string; headers?: Record<string, string> }
  | 'reset'
  | 'hang';

/**
 * A real HTTP server on 127.0.0.1 for tests: answers from a queue of scripted replies (the last
 * one repeats) and records every request. Real sockets, no fetch mocks.
 */
export class LoopbackServer {
  readonly requests: RecordedRequest[] = [];
  private readonly replies: Reply[] = [];
  private server?: Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  reply(...replies: Reply[]): this {
    this.replies.push(...replies);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const reply = this.replies.length > 1 ? this.replies.shift() : this.replies[0];
    if (reply === undefined) {
      res.writeHead(500).end();
      return;
    }
    if (reply === 'reset') {
      req.socket.destroy();
      return;
    }
    if (reply === 'hang') return;
    const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    res.writeHead(reply.status, {
      ...(reply.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...reply.headers,
    });
    res.end(text);
  }
}

/** A Fiks error body as documented (docs/contract.md#s3.5). */
export function fiksError(status: number, message: string): unknown {
  return {
    timestamp: 1637218198035,
    status,
    error: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error',
    errorId: '3389ad1b-afa4-42e1-b6f8-76f63e560ad5',
    path: '/kjoretoyregister/api/x/rest/distribusjon/kjoretoy/v2.0/bulk/understellsnummer/TESTDIGDIR0000016',
    message,
  };
}

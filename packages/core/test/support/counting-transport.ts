import type { Transport, TransportRequest } from '../../src/transport/transport.js';

/** Wraps a real transport and counts what it sends per upstream, so tests count token POSTs from outside the client. */
export class CountingTransport implements Transport {
  readonly sent: Record<TransportRequest['target'], number> = { maskinporten: 0, fiks: 0 };

  constructor(private readonly inner: Transport) {}

  send(request: TransportRequest): ReturnType<Transport['send']> {
    this.sent[request.target] += 1;
    return this.inner.send(request);
  }

  async close(): Promise<void> {
    await this.inner.close?.();
  }
}

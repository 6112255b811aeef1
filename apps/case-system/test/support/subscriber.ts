import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Receipt {
  webhookId: string;
  verified: boolean;
  body: unknown;
  answered: number;
}

export interface Subscriber {
  url: string;
  receipts: Receipt[];
  close(): Promise<void>;
}

/**
 * A webhook receiver on loopback that verifies each Standard Webhooks signature with `secret`
 * and answers with `answer(attemptForThisId)`, e.g. 503 twice, then 204.
 */
export async function startSubscriber(secret: string, answer: (attempt: number) => number): Promise<Subscriber> {
  const receipts: Receipt[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const webhookId = String(request.headers['webhook-id'] ?? '');
      const attempt = receipts.filter((r) => r.webhookId === webhookId).length + 1;
      const status = answer(attempt);
      receipts.push({
        webhookId,
        verified: verify(secret, raw, request.headers),
        body: JSON.parse(raw) as unknown,
        answered: status,
      });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    receipts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function verify(secret: string, body: string, headers: IncomingHttpHeaders): boolean {
  try {
    new Webhook(secret).verify(body, {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    });
    return true;
  } catch {
    return false;
  }
}

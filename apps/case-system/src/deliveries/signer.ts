import { Webhook } from 'standardwebhooks';

interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks signing (HMAC-SHA256 over `id.timestamp.body`). The id stays the same on
 * every attempt, so subscribers deduplicate on it; the timestamp is fresh on each attempt so a
 * late retry still passes the receiver's 5-minute tolerance.
 */
export function signWebhook(secret: string, webhookId: string, body: string, at: Date = new Date()): SignedHeaders {
  const signature = new Webhook(secret).sign(webhookId, at, body);
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function newWebhookId(): string {
  return `msg_${randomBytes(12).toString('hex')}`;
}

export interface SendOptions {
  id?: string;
  /** When the sender signed it; defaults to now. */
  at?: Date;
  /** Overrides the computed signature header. */
  signature?: string;
  /** Default `application/json`. */
  contentType?: string;
}

/** Signs like a Standard Webhooks sender and posts the raw body. */
export async function postSigned(
  url: string,
  secret: string,
  payload: unknown,
  options: SendOptions = {},
): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const id = options.id ?? newWebhookId();
  const at = options.at ?? new Date();
  const signature = options.signature ?? new Webhook(secret).sign(id, at, body);
  return fetch(`${url}/webhooks/observasjoner`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
  });
}

export interface ObservasjonInput {
  kjennemerke?: string;
  understellsnummer?: string;
  observertTidspunkt?: string;
  beskrivelse?: string;
}

export function observasjon(input: ObservasjonInput): Record<string, unknown> {
  return {
    ...(input.kjennemerke ? { kjennemerke: input.kjennemerke } : {}),
    ...(input.understellsnummer ? { understellsnummer: input.understellsnummer } : {}),
    observertTidspunkt: input.observertTidspunkt ?? '2024-03-01T10:00:00+01:00',
    sted: { adresse: 'Kommunal vei 1, 0150 Oslo', lat: 59.91, lon: 10.75 },
    ...(input.beskrivelse ? { beskrivelse: input.beskrivelse } : {}),
  };
}

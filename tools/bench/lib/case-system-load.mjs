// Load for item 5: autocannon (in this process) posting Standard Webhooks signed observations.
// Every request is signed when it leaves: its own webhook-id, a fresh timestamp and an HMAC over
// exactly the bytes sent, so the app's signature check and inbox do their real work.
import { createHmac, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const BARE_SERVER = fileURLToPath(new URL('./case-system-bare-server.mjs', import.meta.url));
const WEBHOOK_PATH = '/webhooks/observasjoner';

export function newWebhookSecret() {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The Standard Webhooks signature (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the
 * base64-decoded secret), with node:crypto so the load generator spends little CPU on it.
 */
export function signWebhook(secret, id, timestampSeconds, body) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The headers of one signed Standard Webhooks delivery of `body`, sent now. */
export function signedHeaders(secret, id, body) {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}

/** An observation of a plate that exists, seen a minute ago (the owner is looked up at that time). */
export function observationBody(plate, seenAt) {
  return JSON.stringify({
    kjennemerke: plate,
    observertTidspunkt: seenAt.toISOString(),
    sted: { adresse: 'Kommunal vei 1, 0150 Oslo', lat: 59.91, lon: 10.75 },
    beskrivelse: 'Hensatt, uten skilt i frontruta',
  });
}

/**
 * One autocannon run. `rate` 0 is open loop (as fast as `connections` allow). Returns the
 * autocannon result plus the webhook-ids answered 202 (new case) and 200 (redelivery: autocannon
 * resends the same bytes after a reconnect), each mapped to the case id the app returned.
 */
export async function runSignedLoad({ url, secret, plates, durationS, rate, connections, idPrefix, timeoutS = 10 }) {
  let sent = 0;
  const accepted = new Map();
  const replayed = new Map();
  const seenAt = new Date(Date.now() - 60_000);
  const statuses = {};
  const instance = autocannon({
    url,
    duration: durationS,
    connections,
    ...(rate > 0 ? { overallRate: rate } : {}),
    timeout: timeoutS,
    requests: [
      {
        method: 'POST',
        path: WEBHOOK_PATH,
        setupRequest(request, context) {
          const id = `${idPrefix}_${(++sent).toString(36)}`;
          const body = observationBody(plates[sent % plates.length], seenAt);
          // With one request in flight per connection, the context names the request a response answers.
          context.webhookId = id;
          return { ...request, headers: signedHeaders(secret, id, body), body };
        },
        onResponse(status, body, context) {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status !== 202 && status !== 200) return;
          let caseId;
          try {
            caseId = JSON.parse(body).id;
          } catch {
            caseId = undefined;
          }
          (status === 202 ? accepted : replayed).set(context.webhookId, caseId);
        },
      },
    ],
  });
  const result = await instance;
  return { result, accepted, replayed, statuses, sent };
}

/** Per-run numbers from an autocannon result; latencies are corrected for coordinated omission at a fixed rate. */
export function summariseLoad({ result, accepted, replayed, statuses, sent }, durationS) {
  const twoXx = result['2xx'];
  return {
    sent,
    twoXx,
    accepted: accepted.size,
    replayed: replayed.size,
    acceptedPerS: twoXx / durationS,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    statuses,
  };
}

/** The bare node:http floor in its own process; resolves with its URL and a stop function. */
export async function startBareServer() {
  const child = spawn(process.execPath, [BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare server did not start within 10 s')), 10_000);
    child.stdout.once('data', (chunk) => {
      clearTimeout(timer);
      resolve(Number.parseInt(chunk.toString('utf8'), 10));
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

import type { ServerResponse } from 'node:http';
import type { Sleeper } from './sleeper.js';
import { isConnectionReset, type BodyDelivery, type RouteOutcome } from './sim-response.js';

/** Writes the outcome, applying body faults; returns what the stats should record. */
export async function writeOutcome(
  res: ServerResponse,
  outcome: RouteOutcome,
  sleeper: Sleeper,
): Promise<number | 'reset'> {
  if (isConnectionReset(outcome)) {
    res.socket?.destroy();
    return 'reset';
  }
  const body = outcome.body === undefined ? undefined : Buffer.from(deform(outcome.body, outcome.delivery), 'utf8');
  const headers: Record<string, string | number> = { ...outcome.headers };
  if (body !== undefined) headers['content-length'] = sliceFor(body, outcome.delivery).length;
  res.writeHead(outcome.status, headers);
  if (body === undefined) {
    res.end();
    return outcome.status;
  }
  const payload = sliceFor(body, outcome.delivery);
  const slow = outcome.delivery?.slow;
  if (!slow) {
    res.end(payload);
    return outcome.status;
  }
  res.flushHeaders();
  const size = Math.ceil(payload.length / slow.chunks);
  for (let i = 0; i < slow.chunks; i += 1) {
    if (i > 0) await sleeper.sleep(slow.chunkDelayMs);
    const part = payload.subarray(i * size, (i + 1) * size);
    if (part.length > 0) res.write(part);
  }
  res.end();
  return outcome.status;
}

/** A syntax error that no JSON parser can read past: a comma right after the opening bracket. */
function malformJson(body: string): string {
  const match = /^\s*[[{]/.exec(body);
  return match ? `${match[0]},${body.slice(match[0].length)}` : `<${body}`;
}

function deform(body: string, delivery: BodyDelivery | undefined): string {
  return delivery?.malform ? malformJson(body) : body;
}

/** Truncation keeps the first half; Content-Length matches, so the HTTP message itself is complete. */
function sliceFor(body: Buffer, delivery: BodyDelivery | undefined): Buffer {
  return delivery?.truncate ? body.subarray(0, Math.floor(body.length / 2)) : body;
}

// The best a hand-written client can do against the same server: the same chunks core sends,
// the same number in flight, one token fetched up front, each body read and JSON-parsed, no
// validation. It separates "the server and JSON are slow" from "core is slow".
import { Agent, fetch } from 'undici';
import { bulkKjennemerkeUrl, fiksHeaders } from './fiks.mjs';

/**
 * `wire`: `[{ kjennemerke, dtg }]` exactly as core sends them (dtg already formatted). `keep`: hold
 * every parsed element until the end, as any client that returns its results must (core returns
 * 10 000 vehicles; a client that drops each body at once leaves less for the GC to move).
 */
export async function rawParallel({ simulator, wire, fetchToken, chunkSize, concurrency, keep = false }) {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  const url = bulkKjennemerkeUrl(simulator);
  const started = performance.now();
  const headers = fiksHeaders(simulator, await fetchToken());
  const bodies = [];
  for (let i = 0; i < wire.length; i += chunkSize) bodies.push(JSON.stringify(wire.slice(i, i + chunkSize)));
  let next = 0;
  let found = 0;
  const kept = [];
  async function worker() {
    while (next < bodies.length) {
      const body = bodies[next++];
      const response = await fetch(url, { method: 'POST', headers, body, dispatcher });
      const parsed = JSON.parse(await response.text());
      if (!response.ok) throw new Error(`raw parallel: bulk/kjennemerke answered ${response.status}`);
      for (const element of parsed) if (element.kjoretoy) found += 1;
      if (keep) kept.push(parsed);
    }
  }
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await dispatcher.close();
  }
  return { elapsedMs: performance.now() - started, found, requests: bodies.length, kept: kept.length };
}

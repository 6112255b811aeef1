// Shared bench helpers: argument parsing and a bounded request loop. No timers decide pass/fail
// in tests; these scripts print numbers and ratios for humans and release notes.
import { Agent, request } from 'undici';

export function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = process.argv[i + 1];
  return value === undefined || value.startsWith('--') ? true : value;
}

export const smoke = flag('smoke', false) === true;

/**
 * Sends `total` requests with `concurrency` in flight over one keep-alive agent; returns elapsed
 * ms and the status counts. Bounded in count, so it always ends.
 */
export async function drive({ total, concurrency, makeRequest }) {
  const agent = new Agent({ keepAliveTimeout: 10_000, connections: concurrency });
  const statuses = {};
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < total) {
      next += 1;
      const { url, method, headers, body } = makeRequest();
      const res = await request(url, { method, headers, body, dispatcher: agent });
      await res.body.text();
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  await agent.close();
  return { elapsedMs, statuses };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function report(title, rows) {
  console.log(`\n## ${title}`);
  console.table(rows);
}

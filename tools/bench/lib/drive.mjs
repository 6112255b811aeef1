// A bounded request loop for throughput: `total` requests with `concurrency` in flight over one
// keep-alive agent. Bounded in count, so it always ends; returns elapsed ms and status counts.
import { Agent, request } from 'undici';

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
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await agent.close();
  }
  return { elapsedMs: performance.now() - started, statuses };
}

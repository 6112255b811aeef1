#!/usr/bin/env node
// Item 2 — overhead, no injected latency: (i) one lookup through core vs a raw undici fetch of
// the same request with a pre-fetched token, alternating in the same process; (ii) validation
// cost per vehicle object vs JSON.parse of the same object; (iii) heap per 10 000 results
// through core vs the same bodies JSON-parsed by hand (fresh process with --expose-gc).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  configFromEnv,
  createFetchTransport,
  createKjoretoyregisterClient,
  formatDtg,
  KjoretoyResponseSchema,
} from '@kjoretoyregister/core';
import { Agent, fetch } from 'undici';
// The generated guard core's readers run on every element (not public API, so from the build).
import { isKjoretoyResponse } from '../../../packages/core/dist/schemas/generated-checks.js';
import { numberFlag, smoke } from '../lib/args.mjs';
import { bulkKjennemerkeUrl, fiksHeaders, naiveTokenSource } from '../lib/fiks.mjs';
import { reproduceCommand, verdict, writeResult } from '../lib/results.mjs';
import { startSimulatorProcess } from '../lib/simulator-process.mjs';
import { median, round } from '../lib/stats.mjs';

const runs = numberFlag('runs', smoke ? 1 : 5);
const iterations = numberFlag('iterations', smoke ? 100 : 1_000);
const budgetMs = numberFlag('budget-s', smoke ? 10 : 60, { integer: false }) * 1000;
const heapResults = numberFlag('heap-results', smoke ? 1_000 : 10_000);
const vehicles = numberFlag('vehicles', 1_000_000);
// Steady state is what a long-running service sees: zod compiles its fast path after a few
// thousand objects, so the timed loop starts after this many lookups on each path.
const warmup = numberFlag('warmup', smoke ? 50 : 1_000);
const started = performance.now();

const simulator = await startSimulatorProcess({ vehicles });
const samples = {
  core: [],
  raw: [],
  ratio: [],
  inMemoryUs: [],
  validateUs: [],
  guardUs: [],
  parseUs: [],
  validateRatio: [],
  heap: [],
};
try {
  const plates = await simulator.collectPlates(Math.max(heapResults, 100));
  const dtg = new Date(Date.now() - 60_000);
  const dtgText = formatDtg(dtg);
  const fetchToken = await naiveTokenSource(simulator);
  const token = await fetchToken();
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  const client = createKjoretoyregisterClient(configFromEnv(simulator.env));
  const url = bulkKjennemerkeUrl(simulator);
  const headers = fiksHeaders(simulator, token);
  const viaCore = (plate) => client.lookupKjennemerke([plate], { dtg });
  const viaRaw = async (plate) => {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify([{ kjennemerke: plate, dtg: dtgText }]),
      dispatcher,
    });
    return JSON.parse(await response.text());
  };
  const timed = async (fn, plate) => {
    const t0 = performance.now();
    await fn(plate);
    return performance.now() - t0;
  };
  try {
    // Warm-up: JIT, connections and core's token cache.
    for (let i = 0; i < warmup; i++) {
      await viaCore(plates[i % 100]);
      await viaRaw(plates[i % 100]);
    }
    for (let run = 0; run < runs; run++) {
      const core = [];
      const raw = [];
      const runStarted = performance.now();
      // Alternating order (ABBA) so neither path always runs on a freshly idle socket.
      for (let i = 0; i < iterations && performance.now() - runStarted < budgetMs; i++) {
        const plate = plates[i % 100];
        if (i % 2 === 0) {
          core.push(await timed(viaCore, plate));
          raw.push(await timed(viaRaw, plate));
        } else {
          raw.push(await timed(viaRaw, plate));
          core.push(await timed(viaCore, plate));
        }
      }
      samples.core.push(median(core));
      samples.raw.push(median(raw));
      samples.ratio.push(median(core) / median(raw));
    }

    // Core's own CPU per lookup: the same client code over a transport that answers from memory
    // with a recorded response, so no network or server time is left in the number.
    const real = createFetchTransport();
    const recorded = new Map();
    const replay = {
      async send(request) {
        if (request.target !== 'fiks') return real.send(request);
        const known = recorded.get(request.body);
        if (known) return known;
        const response = await real.send(request);
        recorded.set(request.body, response);
        return response;
      },
      close: () => real.close(),
    };
    const inMemory = createKjoretoyregisterClient({ ...configFromEnv(simulator.env), transport: replay });
    try {
      for (let i = 0; i < Math.max(warmup, 100); i++) await inMemory.lookupKjennemerke([plates[i % 100]], { dtg });
      for (let run = 0; run < runs; run++) {
        const times = [];
        for (let i = 0; i < iterations; i++)
          times.push(await timed((p) => inMemory.lookupKjennemerke([p], { dtg }), plates[i % 100]));
        samples.inMemoryUs.push(median(times) * 1000);
      }
    } finally {
      await inMemory.close();
    }

    // Validation cost per vehicle object: the generated guard core runs on every bulk element, and
    // the zod schema it falls back to (for the issue list) when the guard refuses one.
    const elements = await viaRaw(plates[0]).then(() =>
      fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(plates.slice(0, 100).map((kjennemerke) => ({ kjennemerke, dtg: dtgText }))),
        dispatcher,
      }).then(async (r) => JSON.parse(await r.text())),
    );
    const texts = elements.map((e) => JSON.stringify(e));
    const perVehicleUs = (fn) => {
      for (let w = 0; w < 5; w++) elements.forEach((e, i) => fn(e, i));
      let reps = 0;
      const t0 = performance.now();
      do {
        elements.forEach((e, i) => fn(e, i));
        reps++;
      } while (performance.now() - t0 < (smoke ? 100 : 500) && reps < 10_000);
      return ((performance.now() - t0) * 1000) / (reps * elements.length);
    };
    for (let run = 0; run < runs; run++) {
      const parseUs = perVehicleUs((_, i) => JSON.parse(texts[i]));
      const validateUs = perVehicleUs((e) => {
        if (!KjoretoyResponseSchema.safeParse(e).success) throw new Error('a simulator vehicle failed validation');
      });
      const guardUs = perVehicleUs((e) => {
        if (!isKjoretoyResponse(e)) throw new Error('a simulator vehicle failed the generated guard');
      });
      samples.parseUs.push(parseUs);
      samples.guardUs.push(guardUs);
      samples.validateUs.push(validateUs);
      samples.validateRatio.push(validateUs / parseUs);
    }

    // Heap per N results, in fresh processes (one per run) so nothing else is on the heap.
    const probe = fileURLToPath(new URL('../lib/heap-probe.mjs', import.meta.url));
    const payload = JSON.stringify({
      simulator: { fiksBaseUrl: simulator.fiksBaseUrl, demo: simulator.demo, env: simulator.env },
      plates: plates.slice(0, heapResults),
      dtg: dtgText,
      token,
    });
    for (let run = 0; run < Math.min(runs, 3); run++) {
      const out = execFileSync(process.execPath, ['--expose-gc', probe], {
        input: payload,
        encoding: 'utf8',
        timeout: 300_000,
      });
      samples.heap.push(JSON.parse(out));
    }
  } finally {
    await client.close();
    await dispatcher.close();
  }
} finally {
  await simulator.stop();
}

const coreMs = median(samples.core);
const rawMs = median(samples.raw);
const ratio = median(samples.ratio);
const per10k = (bytes, results) => ((bytes / results) * 10_000) / 2 ** 20;
const coreHeap = median(samples.heap.map((h) => per10k(h.coreBytes, h.results)));
const rawHeap = median(samples.heap.map((h) => per10k(h.rawBytes, h.results)));
const scaled = heapResults === 10_000 ? '' : ` (measured on ${heapResults}, scaled)`;
const rows = [
  {
    measurement: 'single lookup (1 plate with dtg) through core: median latency',
    median: round(coreMs, 3),
    unit: 'ms',
    samples: samples.core.map((v) => round(v, 3)),
  },
  {
    measurement: 'same request as a raw undici fetch with a pre-fetched token (baseline)',
    median: round(rawMs, 3),
    unit: 'ms',
    samples: samples.raw.map((v) => round(v, 3)),
  },
  {
    measurement: 'core / raw fetch, median of per-run median ratios',
    median: round(ratio),
    unit: '×',
    ratio: round(ratio),
    ratioTo: 'raw fetch',
    goal: '≤ 1.15',
    met: verdict(ratio <= 1.15),
  },
  {
    measurement:
      'core CPU per single lookup over an in-memory transport (no network; JSON.parse and validation included)',
    median: round(median(samples.inMemoryUs), 1),
    unit: 'µs',
    samples: samples.inMemoryUs.map((v) => round(v, 1)),
  },
  {
    measurement: 'validation on the hot path: generated guard isKjoretoyResponse per vehicle object (reads, no copy)',
    median: round(median(samples.guardUs), 2),
    unit: 'µs',
    samples: samples.guardUs.map((v) => round(v, 2)),
    ratio: round(median(samples.guardUs) / median(samples.parseUs)),
    ratioTo: 'JSON.parse of the same object',
  },
  {
    measurement: 'zod KjoretoyResponseSchema.safeParse per vehicle object (now only for elements the guard refuses)',
    median: round(median(samples.validateUs), 1),
    unit: 'µs',
    samples: samples.validateUs.map((v) => round(v, 1)),
    ratio: round(median(samples.validateRatio)),
    ratioTo: 'JSON.parse of the same object',
  },
  {
    measurement: 'JSON.parse of the same vehicle object (baseline)',
    median: round(median(samples.parseUs), 1),
    unit: 'µs',
  },
  {
    measurement: `heap retained by 10 000 results through core${scaled}`,
    median: round(coreHeap, 1),
    unit: 'MiB',
    samples: samples.heap.map((h) => round(per10k(h.coreBytes, h.results), 1)),
    ratio: round(coreHeap / rawHeap),
    ratioTo: 'raw parsed bodies',
  },
  {
    measurement: `heap retained by the same bodies JSON-parsed by hand (baseline)${scaled}`,
    median: round(rawHeap, 1),
    unit: 'MiB',
  },
];
await writeResult({
  id: 'overhead',
  item: 2,
  title: 'Overhead: core vs raw fetch, validation cost, heap per 10 000 results',
  command: reproduceCommand(import.meta.url),
  durationMs: Math.round(performance.now() - started),
  parameters: { runs, iterations, warmup, budgetMs, heapResults, vehicles },
  rows,
  notes: [
    'No injected latency; simulator in its own process. Both paths use undici fetch over a keep-alive agent; the raw path JSON-parses the body, core also validates it, maps outcomes and emits its audit event.',
    'Validation and JSON.parse are timed over 100 different simulator vehicles (about 5 KB of JSON each), repeated for at least 500 ms per run.',
    'Heap: fresh Node process per run with --expose-gc; heapUsed after two GCs, with the results held, minus before.',
  ],
});

// The items of the benchmark issue (issue 8). A result file names its item number; items with
// no result yet are listed as "not yet measured", so scripts for 4 and 5 can land later.
export const CATALOGUE = [
  {
    item: 1,
    title: 'Bulk: 10 000 plates with dtg through core vs naive loops',
    goal: 'requests = ceil(N/maxBulkSize), token requests = 1, wall time ≤ 1.3 × loopback limit, ≥ 50× faster than (a)',
    script: 'tools/bench/items/1-bulk.mjs',
  },
  {
    item: 2,
    title: 'Overhead: single lookup vs raw fetch, validation cost, heap per 10 000 results',
    goal: 'median ratio core / raw fetch ≤ 1.2',
    script: 'tools/bench/items/2-overhead.mjs',
  },
  {
    item: 3,
    title: 'Token single-flight at cold start and across an expiry',
    goal: '1 token request per expiry',
    script: 'tools/bench/items/3-token-single-flight.mjs',
  },
  {
    item: 4,
    title: 'n8n: items in → HTTP requests out for 1 000 items (real-n8n harness)',
    goal: 'requests = ceil(distinct items/maxBulkSize), token requests = 1, one output item per input item',
    script: 'tools/bench/items/4-n8n.mjs',
  },
  {
    item: 5,
    title: 'Sample app: signed webhooks at a fixed rate for 30 s on PGlite and PostgreSQL',
    goal: '≥ 1 000 accepted/s on 2 cores, 0 cases lost',
    script: 'tools/bench/items/5-case-system.mjs',
  },
  {
    item: 6,
    title: 'Simulator: plate lookups served per second and memory at 1 000 000 vehicles',
    goal: '≥ 5 000 lookups/s',
    script: 'tools/bench/items/6-simulator-throughput.mjs, tools/bench/items/6-simulator-memory.mjs',
  },
];

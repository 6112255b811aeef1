// The items of the benchmark issue (issue 8). A result file names its item number; items with
// no result yet are listed as "not yet measured", so scripts for 4 and 5 can land later.
export const CATALOGUE = [
  {
    item: 1,
    title: 'Bulk: 10 000 plates with dtg through core vs naive loops',
    goal: 'requests = ceil(N/maxBulkSize), token requests = 1, wall time ≤ 1.3 × loopback limit, core CPU ≤ 1.3 × raw client CPU, ≥ 50× faster than (a)',
    script: 'tools/bench/items/1-bulk.mjs',
  },
  {
    item: 2,
    title: 'Overhead: single lookup vs raw fetch, validation cost, heap per 10 000 results',
    goal: 'median ratio core / raw fetch ≤ 1.15',
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
    title: 'Sample app: webhook intake on PGlite and PostgreSQL, and the drain of 10 000 cases',
    goal: '≥ 1 000 accepted/s on 2 cores, 0 cases lost; 10 000 cases final in ≤ ceil(10 000/100) + retries register requests at ≥ 1 000 cases/s',
    script: 'tools/bench/items/5-case-system.mjs, tools/bench/items/5-case-system-drain.mjs',
  },
  {
    item: 6,
    title: 'Simulator: plate lookups served per second and memory at 1 000 000 vehicles',
    goal: '≥ 5 000 lookups/s',
    script: 'tools/bench/items/6-simulator-throughput.mjs, tools/bench/items/6-simulator-memory.mjs',
  },
];

// Distinct plates that exist in the simulator's register, found through S1 wildcard searches
// (`??dddd?`: any series, 630 candidates per search) so no simulator internals are imported.
import { SVV_PREFIX, fiksHeaders } from './fiks.mjs';

const FIRST_PATTERN = 1000;
const LAST_PATTERN = 9999;
const IN_FLIGHT = 4;

export async function collectPlates(simulator, token, count) {
  const headers = fiksHeaders(simulator, token);
  const plates = new Set();
  let next = FIRST_PATTERN;
  async function worker() {
    // Bounded by the pattern space: the loop ends even if the register is too small.
    while (plates.size < count && next <= LAST_PATTERN) {
      const pattern = `??${next++}?`;
      const url = `${simulator.fiksBaseUrl}${SVV_PREFIX}/sok/kjennemerke?kjennemerke=${encodeURIComponent(pattern)}&antall=1000`;
      const response = await fetch(url, { headers });
      if (response.status === 204) continue;
      const body = await response.json();
      if (!response.ok) throw new Error(`plate search answered ${response.status}`);
      for (const element of body.kjoretoyresponser ?? []) {
        const plate = element.kjoretoy?.kjoretoyId?.kjennemerke;
        if (typeof plate === 'string') plates.add(plate.replace(/[\s-]/g, '').toUpperCase());
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  if (plates.size < count) throw new Error(`the register holds only ${plates.size} searchable plates, ${count} needed`);
  return [...plates].slice(0, count);
}

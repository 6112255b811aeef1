// The baselines of item 1: what public scripts do today. One POST bulk/kjennemerke with a
// one-element array per plate, in a plain sequential loop, with a fresh Maskinporten token per
// plate (a) or one token fetched up front and reused (b). Bounded by plate count and time.
import { bulkKjennemerkeUrl, fiksHeaders } from './fiks.mjs';

/** `wire`: `[{ kjennemerke, dtg }]` with dtg formatted, one element sent per request. */
export async function naiveLoop({ simulator, wire, fetchToken, tokenPerPlate, maxPlates, budgetMs }) {
  const url = bulkKjennemerkeUrl(simulator);
  const limit = Math.min(maxPlates, wire.length);
  const started = performance.now();
  let token = tokenPerPlate ? undefined : await fetchToken();
  let done = 0;
  let found = 0;
  while (done < limit && performance.now() - started < budgetMs) {
    if (tokenPerPlate) token = await fetchToken();
    const response = await fetch(url, {
      method: 'POST',
      headers: fiksHeaders(simulator, token),
      body: JSON.stringify([wire[done]]),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`naive loop: bulk/kjennemerke answered ${response.status}`);
    if (Array.isArray(body) && body[0]?.kjoretoy) found += 1;
    done += 1;
  }
  const elapsedMs = performance.now() - started;
  return { plates: done, found, elapsedMs, perPlateMs: elapsedMs / done };
}

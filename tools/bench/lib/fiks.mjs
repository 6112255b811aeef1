// What a hand-written script needs to talk to Fiks and Maskinporten directly: the baselines
// use these, core is not involved beyond signing the grant the same way.
import { configFromEnv, createGrant, loadKeyMaterial, systemClock } from '@kjoretoyregister/core';

export const SVV_PREFIX = '/rest/distribusjon/kjoretoy/v2.0';

export function bulkKjennemerkeUrl(simulator) {
  return `${simulator.fiksBaseUrl}${SVV_PREFIX}/bulk/kjennemerke`;
}

export function fiksHeaders(simulator, token) {
  return {
    authorization: `Bearer ${token}`,
    integrasjonid: simulator.demo.integrasjonId,
    integrasjonpassord: simulator.demo.integrasjonPassord,
    'content-type': 'application/json',
    accept: 'application/json',
  };
}

/**
 * The simulator's demo client as a naive script would hold it: key loaded once, grants signed
 * per call. `clock` must match the simulator's when that one is injected.
 */
export async function naiveTokenSource(simulator, clock = systemClock) {
  const options = configFromEnv(simulator.env);
  const key = await loadKeyMaterial(options.maskinporten.keyMaterial);
  return async function fetchToken() {
    const assertion = await createGrant({
      key,
      audience: options.maskinporten.issuer,
      clientId: options.maskinporten.clientId,
      scope: options.maskinporten.scope ?? 'ks:fiks',
      clock,
    });
    const response = await fetch(options.maskinporten.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`token request answered ${response.status} (${body.error ?? 'no error field'})`);
    return body.access_token;
  };
}

/**
 * The Node entry's client: the host entry's wiring (client-core.ts) with Node defaults for what a
 * host would otherwise have to give: an undici fetch transport (proxy from the environment), a
 * timer for backoff waits, and key material read from files when given as paths.
 */

import { buildClient, type KjoretoyregisterClient } from './client-core.js';
import type { ClientOptions } from './config/options.js';
import { readKeyFileFromDisk } from './node/key-files.js';
import { timerSleep } from './node/sleep.js';
import { createFetchTransport } from './transport/fetch-transport.js';

export type { ClientSummary, KjoretoyregisterClient } from './client-core.js';

/**
 * Wires configuration, auth, transport and operations. Throws `ConfigurationError` listing every
 * problem if the options are wrong; key files are read on the first call that needs a token.
 */
export function createKjoretoyregisterClient(input: ClientOptions): KjoretoyregisterClient {
  return buildClient(input, {
    createTransport: (options) => createFetchTransport({ proxy: options.proxy }),
    sleep: timerSleep,
    readKeyFile: readKeyFileFromDisk,
  });
}

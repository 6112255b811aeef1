// Public surface of @kjoretoyregister/core (Node): the host entry's exports (host-exports.ts) with
// Node defaults (fetch transport, timers, key files read from disk) and the Node-only extras.
export * from './host-exports.js';
export { createKjoretoyregisterClient } from './client.js';
export { fetchMaskinportenToken, loadKeyMaterial } from './node/key-files.js';

export { configFromEnv, ENV_VARS, OPTION_TO_ENV, type EnvVarName } from './config/from-env.js';
export { ENV_FIELD_NAMES } from './config/env-field-names.js';
export { createFetchTransport, type FetchTransportOptions } from './transport/fetch-transport.js';
export { createConsoleLogger, type ConsoleLoggerOptions } from './observability/console-logger.js';

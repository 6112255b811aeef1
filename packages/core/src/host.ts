// @kjoretoyregister/core/host: for hosts that own the I/O (n8n, edge runtimes). The same surface as
// the Node entry, minus what needs Node: `transport` and `sleep` are required client options, key
// material is inline only, and nothing here reads files, the environment, timers or the console.
export * from './host-exports.js';
export { createKjoretoyregisterClient } from './client-core.js';
export { fetchMaskinportenToken } from './auth/fetch-token.js';
export { loadKeyMaterial } from './auth/key-material.js';

// Run in a child process by kill-mid-call.test.ts (bundled by esbuild, since Node 20 cannot run
// TypeScript): one VIN lookup whose audit sink appends each phase to a JSON-lines file, as the
// CLI's --audit-file does, so the parent can SIGKILL it mid-call and read what survived.
import { appendFile } from 'node:fs/promises';
import { configFromEnv, createKjoretoyregisterClient, type AuditSink } from '../../../src/index.js';

const [auditFile, vin] = process.argv.slice(2);
if (!auditFile || !vin) throw new Error('usage: audited-lookup-child <audit-file> <vin>');
const env = JSON.parse(process.env['SIMULATOR_ENV'] ?? '{}') as Record<string, string>;

const line = (record: object) => appendFile(auditFile, `${JSON.stringify(record)}\n`, { mode: 0o600 });
const sink: AuditSink = {
  begin: line,
  complete: line,
  write: (event) => line({ phase: 'operation', ...event }),
};

const client = createKjoretoyregisterClient({
  ...configFromEnv(env),
  auditSink: sink,
  defaultAuditContext: { actor: 'kill-test', purpose: 'TEST', legalBasis: 'test' },
});
await client.lookupUnderstellsnummer(vin);
await client.close();
process.stdout.write('done\n');

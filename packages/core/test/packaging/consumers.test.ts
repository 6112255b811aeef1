import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Run against the built package exactly as users get it: `import` from ESM and `require` from
// CommonJS (a NestJS app). The test target depends on the build, so dist/ is there.
const root = resolve(__dirname, '../../../..');
const dist = resolve(root, 'packages/core/dist/index.js');

function node(args: string[]): string {
  return execFileSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

describe('packaging', () => {
  beforeAll(() => {
    if (!existsSync(dist)) throw new Error('packages/core/dist is missing: run `nx run core:build` first');
  });

  it('loads from an ESM consumer', () => {
    const out = node([
      '--input-type=module',
      '-e',
      "import { createKjoretoyregisterClient, configFromEnv, QuotaExceededError } from '@kjoretoyregister/core'; console.log(typeof createKjoretoyregisterClient, typeof configFromEnv, new QuotaExceededError('x').code)",
    ]);
    expect(out.trim()).toBe('function function KJR_QUOTA_EXCEEDED');
  });

  it('loads from a CommonJS consumer through require(esm)', () => {
    const out = node([
      '--no-warnings',
      '-e',
      "const core = require('@kjoretoyregister/core'); console.log(typeof core.createKjoretoyregisterClient, typeof core.KjoretoySchema.parse, core.PRESETS.prod.fiksApiUrl)",
    ]);
    expect(out.trim()).toBe('function function https://api.fiks.ks.no');
  });

  it('loads the host entry from ESM and CommonJS, without the Node-only exports', () => {
    const esm = node([
      '--input-type=module',
      '-e',
      "import * as host from '@kjoretoyregister/core/host'; console.log(typeof host.createKjoretoyregisterClient, typeof host.fetchMaskinportenToken, String('configFromEnv' in host), String('createFetchTransport' in host))",
    ]);
    expect(esm.trim()).toBe('function function false false');
    const cjs = node([
      '--no-warnings',
      '-e',
      "const host = require('@kjoretoyregister/core/host'); console.log(typeof host.hintFor, host.PRESETS.prod.fiksApiUrl)",
    ]);
    expect(cjs.trim()).toBe('function https://api.fiks.ks.no');
  });
});

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  n8n: { credentials: string[]; nodes: string[]; n8nNodesApiVersion: number; strict: boolean };
};
const nodeBundle = join(root, 'dist/nodes/FiksKjoretoyregister/FiksKjoretoyregister.node.js');
const credentialBundle = join(root, 'dist/credentials/FiksKjoretoyregisterApi.credentials.js');

/** The built package as n8n sees it (the `test` target depends on `build`). */
describe('package and bundle', () => {
  it('follows the community-node package rules (docs/toolchain.md#community-node-rules)', () => {
    expect(pkg['name']).toBe('n8n-nodes-kjoretoyregister');
    expect(pkg['keywords']).toContain('n8n-community-node-package');
    expect(pkg['license']).toBe('MIT');
    expect(pkg['files']).toEqual(['dist']);
    expect(pkg['dependencies']).toBeUndefined();
    expect(pkg['peerDependencies']).toEqual({ 'n8n-workflow': '*' });
    // n8n require()s the bundles: CommonJS, said explicitly so Node need not detect it.
    expect(pkg['type']).toBe('commonjs');
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'prepublishOnly', 'prepack'];
    expect(Object.keys(pkg['scripts'] as object).filter((s) => lifecycle.includes(s))).toEqual([]);
    expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
    for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) expect(existsSync(join(root, file))).toBe(true);
  });

  it('ships the codex and both icons next to the node', () => {
    for (const file of [
      'FiksKjoretoyregister.node.json',
      'fiksKjoretoyregister.svg',
      'fiksKjoretoyregister.dark.svg',
    ]) {
      expect(existsSync(join(root, 'dist/nodes/FiksKjoretoyregister', file))).toBe(true);
    }
  });

  it('bundles core: the only modules left to load are n8n-workflow and Node built-ins', () => {
    for (const bundle of [nodeBundle, credentialBundle]) {
      const code = readFileSync(bundle, 'utf8');
      const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
      const external = [...required].filter(
        (name) => name !== 'n8n-workflow' && !builtinModules.includes(name.replace(/^node:/, '')),
      );
      expect(external).toEqual([]);
      expect(code).not.toContain('@kjoretoyregister/core');
      // undici stays a lazy import inside core's default transport, which this package never builds.
      expect([...code.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]).filter((n) => n !== 'undici')).toEqual([]);
    }
  });

  it('loads in plain Node as n8n loads it, without undici installed', async () => {
    const script = `
      const Module = require('node:module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === 'undici') throw new Error('undici must not be loaded');
        return resolve.call(this, request, ...rest);
      };
      const { FiksKjoretoyregister } = require(${JSON.stringify(nodeBundle)});
      const { FiksKjoretoyregisterApi } = require(${JSON.stringify(credentialBundle)});
      const node = new FiksKjoretoyregister();
      const credential = new FiksKjoretoyregisterApi();
      console.log(JSON.stringify({
        node: node.description.name,
        usableAsTool: node.description.usableAsTool,
        testedBy: node.description.credentials[0].testedBy,
        hasTest: typeof node.methods.credentialTest[node.description.credentials[0].testedBy],
        credential: credential.name,
        preAuthentication: typeof credential.preAuthentication,
      }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: root, timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({
      node: 'fiksKjoretoyregister',
      usableAsTool: true,
      testedBy: 'fiksKjoretoyregisterApiTest',
      hasTest: 'function',
      credential: 'fiksKjoretoyregisterApi',
      preAuthentication: 'function',
    });
  });
});

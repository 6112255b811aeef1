import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  n8n: { credentials: string[]; nodes: string[]; n8nNodesApiVersion: number; strict: boolean; n8nVersion: string };
};
const nodeBundle = join(root, 'dist/nodes/FiksKjoretoyregister/FiksKjoretoyregister.node.js');
const credentialBundle = join(root, 'dist/credentials/FiksKjoretoyregisterApi.credentials.js');
const sharedCoreBundle = join(root, 'dist/shared/kjoretoyregister-core.js');

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

  it('bundles core once: node and credential require the shared file, which needs only Node built-ins', () => {
    const requiresOf = (code: string) => new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    const notBuiltin = (name: string | undefined) =>
      name !== undefined && !builtinModules.includes(name.replace(/^node:/, ''));
    for (const [bundle, shared] of [
      [nodeBundle, '../../shared/kjoretoyregister-core.js'],
      [credentialBundle, '../shared/kjoretoyregister-core.js'],
    ] as const) {
      const code = readFileSync(bundle, 'utf8');
      expect([...requiresOf(code)].filter(notBuiltin).sort()).toEqual(
        bundle === nodeBundle ? [shared, 'n8n-workflow'] : [shared],
      );
      expect(code).not.toContain('@kjoretoyregister/core');
      // Core's classes are defined in the shared file only (keepNames names each class it defines).
      expect(code).not.toMatch(/\(this,"KjoretoyregisterError"\)/);
      expect(code).not.toContain('import(');
    }
    const core = readFileSync(sharedCoreBundle, 'utf8');
    expect([...requiresOf(core)].filter(notBuiltin)).toEqual([]);
    // Core's host entry: no lazy imports either (its Node entry's fetch transport imports undici).
    expect(core).not.toContain('import(');
    expect(core).toMatch(/\(this,"KjoretoyregisterError"\)/);
  });

  it('ships a source map next to each bundle, with our own sources embedded and bundled dependencies by path', () => {
    for (const bundle of [nodeBundle, credentialBundle, sharedCoreBundle]) {
      const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as {
        sources: string[];
        sourcesContent: (string | null)[];
      };
      expect(map.sources.length).toBeGreaterThan(0);
      expect(map.sourcesContent).toHaveLength(map.sources.length);
      // An installed package has no sources beside the maps: ours must be embedded.
      map.sources.forEach((source, i) => {
        expect([source, typeof map.sourcesContent[i]]).toEqual([
          source,
          source.includes('node_modules/') ? 'object' : 'string',
        ]);
      });
      expect(readFileSync(bundle, 'utf8')).toMatch(/\/\/# sourceMappingURL=[\w.-]+\.js\.map\s*$/);
    }
  });

  it("keeps zod's config and registry inside the bundle, off the global object", async () => {
    const script = `
      require(${JSON.stringify(nodeBundle)});
      require(${JSON.stringify(credentialBundle)});
      const core = require(${JSON.stringify(sharedCoreBundle)});
      // Validation runs, so zod's state exists by now.
      core.ClientOptionsSchema.safeParse({});
      console.log(JSON.stringify(Object.getOwnPropertyNames(globalThis).filter((name) => name.includes('zod'))));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: root, timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('states the supported n8n range in package.json as the README does', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Supported n8n versions'));
    const prose = /\*\*n8n ≥ (\S+) and < (\S+)\*\*/.exec(section);
    const stated = /"n8nVersion": "([^"]+)"/.exec(section)?.[1];
    expect(prose).not.toBeNull();
    expect(pkg.n8n.n8nVersion).toBe(`>=${prose?.[1]} <${prose?.[2]}`);
    expect(stated).toBe(pkg.n8n.n8nVersion);
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
        testedBy: node.description.credentials[0].testedBy ?? null,
        credentialTest: typeof credential.test.request.url,
        credential: credential.name,
        preAuthentication: typeof credential.preAuthentication,
      }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: root, timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({
      node: 'fiksKjoretoyregister',
      usableAsTool: true,
      testedBy: null,
      credentialTest: 'string',
      credential: 'fiksKjoretoyregisterApi',
      preAuthentication: 'function',
    });
  });
});

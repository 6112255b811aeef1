import { resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { Linter, type Rule } from 'eslint';

// The host entry (src/host.ts) is what n8n bundles; n8n's scanner lints that bundle statically, so
// any reference to these anywhere in the reachable code fails the package, whether it runs or not.
// The list is @n8n/eslint-plugin-community-nodes' `no-restricted-globals`, plus `performance`, which
// n8n allows but a host that owns time should not need. That plugin lives in the n8n package's own
// node_modules, so core checks with ESLint's scope-aware core rules and the import rule below.
const RESTRICTED_GLOBALS = [
  'clearInterval',
  'clearTimeout',
  'global',
  'globalThis',
  'process',
  'setInterval',
  'setTimeout',
  'setImmediate',
  'clearImmediate',
  '__dirname',
  '__filename',
  'performance',
];
/** The host entry may import zod, jose and node:crypto; everything else is bundled or absent. */
const ALLOWED_IMPORTS = new Set(['zod', 'jose', 'crypto', 'node:crypto']);

const coreRoot = resolve(__dirname, '../..');

async function bundle(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    absWorkingDir: coreRoot,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    // Every package stays an import, so the import rule sees exactly what the entry pulls in.
    packages: 'external',
    conditions: ['@kjoretoyregister/source'],
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return { code: output.text, inputs: Object.keys((result.metafile as Metafile).inputs) };
}

/** What n8n's `no-restricted-imports` checks: static and dynamic imports, re-exports and require(). */
const allowedImportsOnly: Rule.RuleModule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const check = (node: Rule.Node, source: unknown) => {
      if (typeof source !== 'string' || source.startsWith('./') || source.startsWith('../')) return;
      if (!ALLOWED_IMPORTS.has(source)) context.report({ node, message: `import of '${source}' is not allowed` });
    };
    const literal = (node: unknown) =>
      node && typeof node === 'object' && 'type' in node && node.type === 'Literal' && 'value' in node
        ? node.value
        : undefined;
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ImportExpression: (node) => check(node, literal(node.source) ?? '(computed)'),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check(node, literal(node.arguments[0]) ?? '(computed)');
        }
      },
    };
  },
};

function lint(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
      plugins: { host: { rules: { 'allowed-imports-only': allowedImportsOnly } } },
      rules: {
        'no-restricted-globals': ['error', ...RESTRICTED_GLOBALS],
        'no-console': 'error',
        'host/allowed-imports-only': 'error',
      },
    },
  ]);
  return messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the host entry (@kjoretoyregister/core/host) as n8n bundles and scans it', () => {
  let host: { code: string; inputs: string[] };
  beforeAll(async () => {
    host = await bundle('src/host.ts');
  }, 30_000);

  it('references no restricted global, no console and imports only zod, jose and node:crypto', () => {
    expect(lint(host.code)).toEqual([]);
  });

  it('bundles none of the Node-only modules', () => {
    const nodeOnly = host.inputs.filter((input) =>
      /src\/(client|index)\.ts$|src\/node\/|fetch-transport|from-env|env-field-names|console-logger/.test(input),
    );
    expect(nodeOnly).toEqual([]);
    expect(host.inputs.every((input) => input.startsWith('src/'))).toBe(true);
  });

  it('carries no environment-variable table (the scanner reads its key-material entries as secrets)', () => {
    expect(host.code).not.toMatch(/MASKINPORTEN_P12|process\.env/);
  });

  it('would catch a regression: the Node entry, bundled the same way, is flagged', async () => {
    const node = await bundle('src/index.ts');
    const findings = lint(node.code);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-globals: .*'process'/),
        expect.stringMatching(/^host\/allowed-imports-only: import of 'node:fs\/promises'/),
        expect.stringMatching(/^host\/allowed-imports-only: import of 'undici'/),
      ]),
    );
  }, 30_000);
});

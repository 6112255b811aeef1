#!/usr/bin/env node
// Regenerates packages/core/src/schemas/generated.ts (zod schemas and types) and generated-checks.ts
// (the in-place checkers, written next to it) from SVV's Kjøretøysøk OpenAPI.
//
// Usage: node tools/schema-gen/generate.mjs [--spec <path>] [--out <path>]
// Spec input, first match wins:
//   --spec <path>       an explicit file
//   SVV_OPENAPI=<path>  environment override
//   (default)           tools/schema-gen/spec/api_kjoretoysok_46.json, the committed copy (provenance in
//                       spec/SOURCE.md)
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { emitCheckModule } from './emit-check.mjs';
import { emitZodModule } from './emit-zod.mjs';

const toolDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(toolDir, '..', '..');
const SPEC_FILE = 'api_kjoretoysok_46.json';
const committedSpec = resolve(toolDir, 'spec', SPEC_FILE);
const defaultOut = resolve(repoRoot, 'packages', 'core', 'src', 'schemas', 'generated.ts');
const CHECKS_FILE = 'generated-checks.ts';

function specPath(option) {
  if (option) return resolve(option);
  if (process.env.SVV_OPENAPI) return resolve(process.env.SVV_OPENAPI);
  return committedSpec;
}

async function main() {
  const { values } = parseArgs({
    options: { spec: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const input = specPath(values.spec);
  const out = values.out ? resolve(values.out) : defaultOut;

  const spec = JSON.parse(await readFile(input, 'utf8'));
  // The checkers go next to the schemas, whatever --out names (generated-checks.ts imports ./generated.js).
  const checksOut = join(dirname(out), CHECKS_FILE);
  const files = [
    [out, defaultOut, emitZodModule(spec)],
    [checksOut, join(dirname(defaultOut), CHECKS_FILE), emitCheckModule(spec)],
  ];
  // Both are emitted before anything is written, so a bad spec writes neither.
  const formatted = [];
  for (const [target, canonical, source] of files) {
    // Prettier options come from the canonical target path, never from --out, so output written
    // to a temporary path is byte-identical to the committed file.
    const options = (await prettier.resolveConfig(canonical)) ?? {};
    formatted.push([target, await prettier.format(source, { ...options, filepath: canonical })]);
  }

  await mkdir(dirname(out), { recursive: true });
  for (const [target, text] of formatted) {
    await writeFile(target, text, 'utf8');
    process.stdout.write(`schema-gen: wrote ${target}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`schema-gen: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

#!/usr/bin/env node
// Regenerates packages/core/src/schemas/generated.ts from SVV's Kjøretøysøk OpenAPI.
//
// Usage: node tools/schema-gen/generate.mjs [--spec <path>] [--out <path>]
// Spec input, first match wins:
//   --spec <path>       an explicit file
//   SVV_OPENAPI=<path>  environment override
//   (default)           tools/schema-gen/spec/api_kjoretoysok_46.json, the committed copy (provenance in
//                       spec/SOURCE.md)
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';
import { emitZodModule } from './emit-zod.mjs';

const toolDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(toolDir, '..', '..');
const SPEC_FILE = 'api_kjoretoysok_46.json';
const committedSpec = resolve(toolDir, 'spec', SPEC_FILE);
const defaultOut = resolve(repoRoot, 'packages', 'core', 'src', 'schemas', 'generated.ts');

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
  const source = emitZodModule(spec);
  // Prettier options come from the canonical target path, never from --out, so output written
  // to a temporary path is byte-identical to the committed file.
  const options = (await prettier.resolveConfig(defaultOut)) ?? {};
  const formatted = await prettier.format(source, {
    ...options,
    filepath: defaultOut,
  });

  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, formatted, 'utf8');
  process.stdout.write(`schema-gen: wrote ${out}\n`);
}

main().catch((error) => {
  process.stderr.write(`schema-gen: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

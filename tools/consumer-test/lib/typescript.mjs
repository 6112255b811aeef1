// TypeScript consumers: one project with the typescript version under test, our two packages and
// @types/node for the oldest supported Node, and tsc (`noEmit`) under each module setting users pick:
// nodenext for an ESM and for a CommonJS package (the CJS one type-checks imports of our ESM
// packages, which TS accepts for require(esm) only from 5.8 on), and bundler with module esnext
// and preserve, with `skipLibCheck` on as `tsc --init` sets it. `checkPublishedTypes` checks our
// published .d.ts files themselves (`skipLibCheck` off): about 20 s of tsc on this machine for the
// zod schema types, so it runs once, not per configuration.
import { createProject } from './project.mjs';

/** Uses the public types, narrows a lookup outcome, and proves the types are not `any`. */
const CONSUMER_TS = `import {
  configFromEnv,
  createKjoretoyregisterClient,
  KjoretoyregisterError,
  tekniskSammendrag,
  type Kjoretoy,
  type KjoretoyregisterClient,
  type LookupOutcome,
  type LookupStatus,
} from '@kjoretoyregister/core';
import { startSimulator, type RunningSimulator } from '@kjoretoyregister/simulator';

export function describeOutcome(outcome: LookupOutcome): string {
  switch (outcome.status) {
    case 'found': {
      const kjoretoy: Kjoretoy | undefined = outcome.kjoretoy;
      const merke: string | undefined = kjoretoy && tekniskSammendrag(kjoretoy).merke;
      return \`\${String(outcome.input)} \${merke ?? '?'}\`;
    }
    case 'not_found':
    case 'unavailable':
      return outcome.status;
    case 'invalid':
    case 'error':
      return outcome.error instanceof KjoretoyregisterError ? outcome.error.code : 'error';
    default: {
      // Every status handled: the union leaves nothing, or this fails to compile.
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

export async function lookUp(plates: readonly string[]): Promise<string[]> {
  const simulator: RunningSimulator = await startSimulator({ port: 0 });
  const client: KjoretoyregisterClient = createKjoretoyregisterClient(configFromEnv(simulator.env));
  try {
    const outcomes = await client.lookupKjennemerke(plates, { dtg: new Date() });
    return outcomes.map(describeOutcome);
  } finally {
    await client.close();
    await simulator.stop();
  }
}

// @ts-expect-error a LookupStatus is one of the documented statuses, so the types are not \`any\`
export const wrongStatus: LookupStatus = 'funnet';
`;

/** A type-only import, the form TS before 5.8 rejects in a CommonJS file under nodenext. */
const TYPES_ONLY_TS = `import type { ClientOptions, LookupOutcome } from '@kjoretoyregister/core';

export type Found = LookupOutcome & { status: 'found' };
export const isFound = (outcome: LookupOutcome): outcome is Found => outcome.status === 'found';
export type Environment = ClientOptions['environment'];
`;

const COMMON = { strict: true, target: 'es2022', noEmit: true, skipLibCheck: true, types: ['node'] };

/** tsconfig name → [compilerOptions, source folder]. */
export const CONFIGS = {
  'nodenext-esm': [{ module: 'nodenext', moduleResolution: 'nodenext' }, 'esm'],
  'nodenext-cjs': [{ module: 'nodenext', moduleResolution: 'nodenext' }, 'cjs'],
  'bundler-esnext': [{ module: 'esnext', moduleResolution: 'bundler' }, 'esm'],
  'bundler-preserve': [{ module: 'preserve', moduleResolution: 'bundler' }, 'esm'],
};

/** The published declarations checked in full, under the strictest resolution (nodenext, CommonJS). */
const LIB_CHECK = { 'lib-check': [{ module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false }, 'cjs'] };

function files(configs) {
  const out = {};
  for (const [folder, type] of [
    ['esm', 'module'],
    ['cjs', 'commonjs'],
  ]) {
    out[`${folder}/package.json`] = `${JSON.stringify({ type })}\n`;
    out[`${folder}/consumer.ts`] = CONSUMER_TS;
    out[`${folder}/types-only.ts`] = TYPES_ONLY_TS;
  }
  for (const [name, [options, folder]] of Object.entries(configs)) {
    const tsconfig = { compilerOptions: { ...COMMON, ...options }, include: [`${folder}/*.ts`] };
    out[`tsconfig.${name}.json`] = `${JSON.stringify(tsconfig, null, 2)}\n`;
  }
  const references = Object.keys(configs).map((name) => ({ path: `tsconfig.${name}.json` }));
  out['tsconfig.all.json'] = `${JSON.stringify({ files: [], references }, null, 2)}\n`;
  return out;
}

/**
 * A scenario module's setup/check for one TypeScript version: every configuration of CONFIGS, or
 * with `checkPublishedTypes` the full check of our .d.ts files instead.
 */
export function typescriptScenario(version, { checkPublishedTypes = false } = {}) {
  const configs = checkPublishedTypes ? LIB_CHECK : CONFIGS;
  return {
    async setup({ registryUrl, tmp }) {
      const name = `ts-${version}${checkPublishedTypes ? '-lib' : ''}`;
      const project = await createProject({ registryUrl, name, parent: tmp, files: files(configs) });
      await project.install([
        '@kjoretoyregister/core',
        '@kjoretoyregister/simulator',
        `typescript@${version}`,
        '@types/node@20',
      ]);
      return { project };
    },
    async check({ project }, { bin }) {
      // One `tsc -b` over every configuration parses the shared declarations (@types/node, zod, ours)
      // once instead of once per configuration: a third of the time. `--force`, because build mode
      // would otherwise trust the .tsbuildinfo a previous Node's run left behind.
      const result = await project.run(bin, ['node_modules/typescript/bin/tsc', '-b', '--force', 'tsconfig.all.json'], {
        node: bin,
        timeoutMs: 3 * 60_000,
      });
      if (result.code !== 0) {
        throw new Error(
          `tsc ${version} -b (${Object.keys(configs).join(', ')}) failed:\n${(result.stdout + result.stderr).trim().slice(-3000)}`,
        );
      }
    },
  };
}

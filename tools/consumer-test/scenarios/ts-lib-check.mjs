// Our published .d.ts files type-checked in full (skipLibCheck off) with the current TypeScript.
// tsc's verdict does not depend on the Node that runs it, and this check costs about 20 s of CPU,
// so it runs on the machine's Node only; the per-configuration checks run on every Node.
import { typescriptScenario } from '../lib/typescript.mjs';

export const name = 'ts-6.0.3-lib-check';
export const nodes = (version) => version === process.versions.node;
export const { setup, check } = typescriptScenario('6.0.3', { checkPublishedTypes: true });

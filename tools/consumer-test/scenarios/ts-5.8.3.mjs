// The minimum TypeScript the core README documents: tsc --noEmit under nodenext (ESM and CommonJS)
// and bundler (esnext, preserve). TypeScript 5.7 rejects a CommonJS file that imports our ESM
// packages under nodenext (TS1479, and TS1541 for `import type`); 5.8 added require(esm) support.
import { typescriptScenario } from '../lib/typescript.mjs';

export const name = 'ts-5.8.3';
export const { setup, check } = typescriptScenario('5.8.3');

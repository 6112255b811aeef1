// tsc --noEmit with TypeScript 6.0.3 under nodenext (ESM and CommonJS) and bundler (esnext, preserve).
import { typescriptScenario } from '../lib/typescript.mjs';

export const name = 'ts-6.0.3';
export const { setup, check } = typescriptScenario('6.0.3');

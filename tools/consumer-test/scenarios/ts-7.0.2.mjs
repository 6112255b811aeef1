// The registry's latest TypeScript (7, the native compiler) under the same configurations: what a
// new project gets from `npm install typescript` today.
import { typescriptScenario } from '../lib/typescript.mjs';

export const name = 'ts-7.0.2';
export const { setup, check } = typescriptScenario('7.0.2');

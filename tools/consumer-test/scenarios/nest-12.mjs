// NestJS 12 as `nest new` makes it: an ES module app with Vitest and TypeScript 6. Its generator
// (@nestjs/schematics 12) needs Node ≥ 22.12; the app itself runs on every Node of the matrix.
import { nestScenario } from '../lib/nest-app.mjs';

export const { name, description, setup, check, teardown } = nestScenario({
  major: 12,
  esm: true,
  generatorNode: '22.23.5',
});

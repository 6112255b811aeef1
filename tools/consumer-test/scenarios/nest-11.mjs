// NestJS 11 as `nest new` makes it today: CommonJS, Jest with ts-jest, TypeScript 5.x.
import { nestScenario } from '../lib/nest-app.mjs';

export const { name, description, setup, check, teardown } = nestScenario({ major: 11, esm: false });

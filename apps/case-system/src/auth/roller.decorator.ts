import { SetMetadata } from '@nestjs/common';
import type { Rolle } from '../persistence/schema.js';

export const ROLLER_KEY = 'case-system:roller';

/** Which roles may call a route or controller; the API-key guard answers 403 to the others. */
export const Roller = (...roller: Rolle[]) => SetMetadata(ROLLER_KEY, roller);

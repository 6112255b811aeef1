import { SetMetadata } from '@nestjs/common';
import type { Role } from '../persistence/schema.js';

export const ROLES_KEY = 'case-system:roles';

/** Which roles may call a route or controller; the API-key guard answers 403 to the others. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

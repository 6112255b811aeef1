import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../persistence/schema.js';
import type { AppRequest } from './auth-user.js';
import { ROLES_KEY } from './roles.decorator.js';
import { UsersService } from './users.service.js';

/**
 * `Authorization: Bearer <api key>` (or `X-API-Key`). No or unknown key → 401; a known user
 * without one of the route's `@Roles(...)` → 403.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly users: UsersService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AppRequest>();
    const key = apiKeyOf(request);
    const user = key ? await this.users.authenticate(key) : undefined;
    if (!user) throw new UnauthorizedException('A valid API key is required');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(user.role)) throw new ForbiddenException('Your role does not allow this');
    request.user = user;
    return true;
  }
}

function apiKeyOf(request: AppRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (match) return match[1];
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

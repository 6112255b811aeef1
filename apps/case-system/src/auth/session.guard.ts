import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { AppRequest } from './auth-user.js';
import { sessionTokenOf } from './session.js';
import { UsersService } from './users.service.js';

/** Thrown for a web page without a valid session; the web controller's filter redirects to /login. */
export class LoginRequiredError extends Error {
  constructor() {
    super('Login required');
    this.name = 'LoginRequiredError';
  }
}

@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly users: UsersService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AppRequest>();
    const token = sessionTokenOf(request);
    const user = token ? await this.users.userForSession(token) : undefined;
    if (!user) throw new LoginRequiredError();
    request.user = user;
    return true;
  }
}

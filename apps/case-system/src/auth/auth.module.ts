import { Global, Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard.js';
import { OidcService } from './oidc.service.js';
import { UsersController } from './users.controller.js';
import { SessionGuard } from './session.guard.js';
import { UsersService } from './users.service.js';

@Global()
@Module({
  controllers: [UsersController],
  providers: [UsersService, ApiKeyGuard, SessionGuard, OidcService],
  exports: [UsersService, ApiKeyGuard, SessionGuard, OidcService],
})
export class AuthModule {}

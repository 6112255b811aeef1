import { Global, Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard.js';
import { BrukereController } from './brukere.controller.js';
import { SessionGuard } from './session.guard.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Global()
@Module({
  controllers: [BrukereController],
  providers: [UsersRepository, UsersService, ApiKeyGuard, SessionGuard],
  exports: [UsersService, ApiKeyGuard, SessionGuard],
})
export class AuthModule {}

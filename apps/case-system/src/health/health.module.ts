import { KjoretoyregisterHealthIndicator } from '@kjoretoyregister/nestjs/health';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health.js';
import { HealthController } from './health.controller.js';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, KjoretoyregisterHealthIndicator],
})
export class HealthModule {}

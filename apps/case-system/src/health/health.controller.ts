import { KjoretoyregisterHealthIndicator } from '@kjoretoyregister/nestjs/health';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly kjoretoyregister: KjoretoyregisterHealthIndicator,
  ) {}

  /** Database and Maskinporten token; never spends lookup quota (the module's default probe). */
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and Kjøretøyregister (token) health' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.isHealthy('database'),
      () => this.kjoretoyregister.isHealthy('kjoretoyregister'),
    ]);
  }
}

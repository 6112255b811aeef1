import { KjoretoyregisterHealthIndicator } from '@kjoretoyregister/nestjs/health';
import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { ApiKeyGuard } from '../auth/api-key.guard.js';
import { Roles } from '../auth/roles.decorator.js';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import { DatabaseHealthIndicator } from './database.health.js';

type RegisterResult = HealthIndicatorResult<'kjoretoyregister'>;

/**
 * Liveness is public and answers from the process alone, so a probe (or anyone on the network)
 * can call it as often as it likes. Readiness asks the database and Maskinporten, so it needs an
 * API key (any role): an anonymous caller must not be able to make the app call Maskinporten, and
 * the register check is reused for `HEALTH_REGISTER_CACHE_MS`, up or down.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private cachedRegister?: { result: RegisterResult; until: number };
  private pendingRegister?: Promise<RegisterResult>;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly kjoretoyregister: KjoretoyregisterHealthIndicator,
    @Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers; touches nothing outside it' })
  @ApiOkResponse({ description: '{ status: "ok" }' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @UseGuards(ApiKeyGuard)
  @Roles('saksbehandler', 'admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Readiness: database and Kjøretøyregister (Maskinporten token, cached; no quota)' })
  @ApiUnauthorizedResponse({ description: 'No or unknown API key' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; each says which step failed and a code' })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.isHealthy('database'), () => this.register()]);
  }

  /** One check at a time, reused while fresh; concurrent callers share the one in flight. */
  private async register(): Promise<RegisterResult> {
    const cached = this.cachedRegister;
    if (cached && Date.now() < cached.until) return cached.result;
    this.pendingRegister ??= this.kjoretoyregister
      .isHealthy('kjoretoyregister')
      .then((result) => {
        const safe = withoutMessages(result);
        this.cachedRegister = { result: safe, until: Date.now() + this.config.app.healthRegisterCacheMs };
        return safe;
      })
      .finally(() => (this.pendingRegister = undefined));
    return this.pendingRegister;
  }
}

/**
 * Step and code only. The indicator's `message` is core's, and may quote a cause from the
 * machine (e.g. `pkcs12: the file could not be read (ENOENT)`); it belongs in the log, not here.
 */
function withoutMessages(result: RegisterResult): RegisterResult {
  const details = { ...result.kjoretoyregister };
  delete details['message'];
  return { kjoretoyregister: details };
}

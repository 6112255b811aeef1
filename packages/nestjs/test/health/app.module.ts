import type { AuditEvent, AuditSink, ClientOptions } from '@kjoretoyregister/core';
import { Controller, Get, Global, Injectable, Module, Query, type DynamicModule } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { AUDIT_SINK, KjoretoyregisterModule } from '../../src/index.js';
import { KjoretoyregisterHealthIndicator } from '../../src/health/index.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kjoretoyregister: KjoretoyregisterHealthIndicator,
  ) {}

  /** Liveness-style: token only. `?fiks=1` is the readiness variant with one Fiks probe. */
  @Get()
  @HealthCheck()
  check(@Query('fiks') fiks?: string) {
    return this.health.check([() => this.kjoretoyregister.isHealthy('kjoretoyregister', { fiksProbe: fiks === '1' })]);
  }
}

@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [KjoretoyregisterHealthIndicator] })
export class HealthModule {}

@Injectable()
export class RecordingAuditSink implements AuditSink {
  readonly events: AuditEvent[] = [];
  write(event: AuditEvent): void {
    this.events.push(event);
  }
}

/** `AUDIT_SINK` from a global module: visible to `forRoot` without `imports`. */
@Global()
@Module({
  providers: [RecordingAuditSink, { provide: AUDIT_SINK, useExisting: RecordingAuditSink }],
  exports: [AUDIT_SINK, RecordingAuditSink],
})
export class GlobalAuditModule {}

@Module({})
export class HealthAppModule {
  static with(options: ClientOptions): DynamicModule {
    return {
      module: HealthAppModule,
      imports: [GlobalAuditModule, KjoretoyregisterModule.forRoot({ ...options, isGlobal: true }), HealthModule],
    };
  }
}

import { KjoretoyregisterModule } from '@kjoretoyregister/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { InnsynModule } from './audit/innsyn.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CaseSystemConfigModule } from './config/config.module.js';
import type { CaseSystemConfig } from './config/load-config.js';
import { HealthModule } from './health/health.module.js';
import { loggerParams } from './logging/logger.config.js';
import { LookupsModule } from './lookups/lookups.module.js';
import { DatabaseModule } from './persistence/database.module.js';
import { SakerModule } from './saker/saker.module.js';
import { DeliveriesModule } from './deliveries/deliveries.module.js';
import { WebModule } from './web/web.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export interface AppModuleOptions {
  /** Where log lines go; stdout by default. Tests pass an in-memory stream to inspect them. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: CaseSystemConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config.app, options.logDestination)),
        CaseSystemConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.database),
        // The module's client writes every audit event to our append-only table via AUDIT_SINK.
        KjoretoyregisterModule.forRootAsync({
          isGlobal: true,
          imports: [AuditModule],
          useFactory: () => config.kjoretoyregister,
        }),
        AuthModule,
        SakerModule,
        LookupsModule,
        DeliveriesModule,
        WebhooksModule,
        InnsynModule,
        HealthModule,
        WebModule,
      ],
    };
  }
}

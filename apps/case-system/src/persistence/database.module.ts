import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { DatabaseConfig } from '../config/database.config.js';
import { DATABASE } from './database.constants.js';
import { openDatabase, type Database } from './database.js';
import { BulkLookupsRepository } from './bulk-lookups.repository.js';
import { CaseWorkRepository } from './case-work.repository.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { InboundWebhooksRepository } from './inbound-webhooks.repository.js';
import { LookupJobsRepository } from './lookup-jobs.repository.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { SakerRepository } from './saker.repository.js';
import { UsersRepository } from './users.repository.js';

const REPOSITORIES = [
  SakerRepository,
  LookupJobsRepository,
  InboundWebhooksRepository,
  AuditLogRepository,
  DeliveriesRepository,
  UsersRepository,
  BulkLookupsRepository,
  CaseWorkRepository,
];

/**
 * PGlite by default (zero servers), PostgreSQL when `DATABASE_URL` is set, plus every repository
 * (they all live in `persistence/`, see `database.ts`). Closed last, in
 * `onApplicationShutdown`, after the workers have stopped in `beforeApplicationShutdown`.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [{ provide: DATABASE, useFactory: () => openDatabase(config) }, ...REPOSITORIES],
      exports: [DATABASE, ...REPOSITORIES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

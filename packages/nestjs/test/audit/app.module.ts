import type { AuditCompletion, AuditEvent, AuditIntent, AuditSink, ClientOptions } from '@kjoretoyregister/core';
import {
  Controller,
  Get,
  Injectable,
  Module,
  Param,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import {
  AUDIT_SINK,
  KjoretoyregisterAudit,
  KjoretoyregisterExceptionFilter,
  KjoretoyregisterModule,
  KjoretoyregisterService,
} from '../../src/index.js';

/** The app's own audit store (in a real app: an append-only table), with both write-ahead phases. */
@Injectable()
export class InMemoryAuditStore implements AuditSink {
  readonly intents: AuditIntent[] = [];
  readonly completions: AuditCompletion[] = [];
  readonly events: AuditEvent[] = [];
  /** Set to make `begin` fail, as a database that is down would. */
  refuseIntents = false;
  async begin(intent: AuditIntent): Promise<void> {
    await Promise.resolve();
    if (this.refuseIntents) throw new Error('connection refused');
    this.intents.push(intent);
  }
  complete(completion: AuditCompletion): void {
    this.completions.push(completion);
  }
  write(event: AuditEvent): void {
    this.events.push(event);
  }
}

@Module({
  providers: [InMemoryAuditStore, { provide: AUDIT_SINK, useExisting: InMemoryAuditStore }],
  exports: [AUDIT_SINK, InMemoryAuditStore],
})
export class AuditStoreModule {}

/** Stand-in for the app's authentication: puts the caller on `req.user`, as Passport does. */
@Injectable()
export class HeaderAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; user?: unknown }>();
    const id = request.headers['x-test-user'];
    if (id) request.user = { id, name: 'not used for audit' };
    return true;
  }
}

/** The app's own service: it calls the module without passing any audit context. */
@Injectable()
export class SakService {
  constructor(private readonly kjoretoyregister: KjoretoyregisterService) {}

  async vehicleForCase(kjennemerke: string) {
    const [outcome] = await this.kjoretoyregister.lookupKjennemerke([kjennemerke]);
    return { status: outcome.status };
  }

  async vehicleWithExplicitPurpose(kjennemerke: string) {
    const [outcome] = await this.kjoretoyregister.lookupKjennemerke([kjennemerke], {
      audit: { purpose: 'PARKERINGSGEBYR' },
    });
    return { status: outcome.status };
  }
}

@Controller('saker')
export class SakController {
  constructor(private readonly saker: SakService) {}

  @Get(':caseRef/kjoretoy/:kjennemerke')
  @KjoretoyregisterAudit({ purpose: 'HENSATT_KJORETOY', legalBasis: 'vegtrafikkloven § 37' })
  lookup(@Param('kjennemerke') kjennemerke: string) {
    return this.saker.vehicleForCase(kjennemerke);
  }

  @Get(':caseRef/parkering/:kjennemerke')
  @KjoretoyregisterAudit({ purpose: 'HENSATT_KJORETOY', legalBasis: 'vegtrafikkloven § 37' })
  lookupWithExplicitPurpose(@Param('kjennemerke') kjennemerke: string) {
    return this.saker.vehicleWithExplicitPurpose(kjennemerke);
  }
}

@Controller('intern')
@KjoretoyregisterAudit({ purpose: 'KONTROLL', legalBasis: 'forvaltningsloven', caseRefHeader: 'x-sak' })
export class InternController {
  constructor(private readonly saker: SakService) {}

  @Get('kjoretoy/:kjennemerke')
  lookup(@Param('kjennemerke') kjennemerke: string) {
    return this.saker.vehicleForCase(kjennemerke);
  }
}

/** The sink arrives through `forRootAsync({ imports })`; core refuses lookups without full context. */
@Module({})
export class AuditAppModule {
  static with(options: ClientOptions): DynamicModule {
    return {
      module: AuditAppModule,
      imports: [
        AuditStoreModule,
        KjoretoyregisterModule.forRootAsync({
          imports: [AuditStoreModule],
          useFactory: () => ({ ...options, requireAuditContext: true }),
        }),
      ],
      controllers: [SakController, InternController],
      providers: [
        SakService,
        { provide: APP_GUARD, useClass: HeaderAuthGuard },
        { provide: APP_FILTER, useClass: KjoretoyregisterExceptionFilter },
      ],
    };
  }
}

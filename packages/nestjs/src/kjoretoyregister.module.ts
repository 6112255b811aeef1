import type { KjoretoyregisterClient } from '@kjoretoyregister/core';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { KjoretoyregisterAuditInterceptor } from './audit/audit.interceptor.js';
import { AuditContextStorage } from './audit/audit-context.storage.js';
import { HttpServiceTransport } from './http-service.transport.js';
import { KJORETOYREGISTER_CLIENT } from './kjoretoyregister.constants.js';
import { ConfigurableModuleClass, KJORETOYREGISTER_MODULE_OPTIONS } from './kjoretoyregister.module-definition.js';
import { kjoretoyregisterClientProvider } from './kjoretoyregister.providers.js';
import { KjoretoyregisterService } from './kjoretoyregister.service.js';

/**
 * `KjoretoyregisterModule.forRoot(options)` / `.forRootAsync({ imports, useFactory | useClass |
 * useExisting, inject })`, each with `isGlobal`. A thin shell: auth, retries, schemas and error
 * mapping all stay in `@kjoretoyregister/core`.
 */
@Module({
  providers: [
    HttpServiceTransport,
    kjoretoyregisterClientProvider,
    KjoretoyregisterService,
    AuditContextStorage,
    KjoretoyregisterAuditInterceptor,
  ],
  exports: [
    KJORETOYREGISTER_CLIENT,
    KJORETOYREGISTER_MODULE_OPTIONS,
    KjoretoyregisterService,
    AuditContextStorage,
    KjoretoyregisterAuditInterceptor,
  ],
})
export class KjoretoyregisterModule extends ConfigurableModuleClass implements OnApplicationShutdown {
  private closed?: Promise<void>;

  constructor(
    @Inject(KJORETOYREGISTER_CLIENT) private readonly client: KjoretoyregisterClient,
    private readonly httpServiceTransport: HttpServiceTransport,
  ) {
    super();
  }

  /**
   * Runs after the HTTP server has stopped taking requests (`app.close()` or a signal with
   * `enableShutdownHooks()`), so in-flight lookups finish before sockets and timers are released.
   */
  onApplicationShutdown(): Promise<void> {
    // Once only: a second `app.close()` must not close core's already-closed agent again.
    this.closed ??= (async () => {
      await this.client.close();
      await this.httpServiceTransport.close();
    })();
    return this.closed;
  }
}

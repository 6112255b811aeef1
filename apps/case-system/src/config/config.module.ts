import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CASE_SYSTEM_CONFIG } from './config.constants.js';
import type { CaseSystemConfig } from './load-config.js';

/** Says once per boot which deprecated variables are set, through the app's logger. */
@Injectable()
class DeprecationNotices implements OnApplicationBootstrap {
  private readonly logger = new Logger('Config');
  constructor(@Inject(CASE_SYSTEM_CONFIG) private readonly config: CaseSystemConfig) {}

  onApplicationBootstrap(): void {
    for (const msg of this.config.deprecations) this.logger.warn({ msg });
  }
}

/** The validated configuration, injectable everywhere as `CASE_SYSTEM_CONFIG`. */
@Global()
@Module({})
export class CaseSystemConfigModule {
  static forRoot(config: CaseSystemConfig): DynamicModule {
    return {
      module: CaseSystemConfigModule,
      providers: [{ provide: CASE_SYSTEM_CONFIG, useValue: config }, DeprecationNotices],
      exports: [CASE_SYSTEM_CONFIG],
    };
  }
}

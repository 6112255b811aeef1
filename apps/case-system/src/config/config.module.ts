import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CASE_SYSTEM_CONFIG } from './config.constants.js';
import type { CaseSystemConfig } from './load-config.js';

/** The validated configuration, injectable everywhere as `CASE_SYSTEM_CONFIG`. */
@Global()
@Module({})
export class CaseSystemConfigModule {
  static forRoot(config: CaseSystemConfig): DynamicModule {
    return {
      module: CaseSystemConfigModule,
      providers: [{ provide: CASE_SYSTEM_CONFIG, useValue: config }],
      exports: [CASE_SYSTEM_CONFIG],
    };
  }
}

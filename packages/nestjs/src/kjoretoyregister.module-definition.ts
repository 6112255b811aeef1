import { HttpModule } from '@nestjs/axios';
import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { KjoretoyregisterModuleOptions } from './kjoretoyregister-module-options.interface.js';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: KJORETOYREGISTER_MODULE_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<KjoretoyregisterModuleOptions>({ moduleName: 'Kjoretoyregister' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
    // HttpModule goes last: Nest resolves a token from the first import that exports it, so an
    // `HttpModule.register({ timeout, proxy })` passed in `forRootAsync({ imports })` wins over
    // the shared default instance.
    imports: [...(definition.imports ?? []), HttpModule],
  }))
  .build();

/** Argument of `KjoretoyregisterModule.forRoot()`: the options plus `isGlobal`. */
export type KjoretoyregisterModuleRootOptions = typeof OPTIONS_TYPE;
/** Argument of `KjoretoyregisterModule.forRootAsync()`: `imports`, `useFactory | useClass | useExisting`, `inject`, `isGlobal`. */
export type KjoretoyregisterModuleAsyncOptions = typeof ASYNC_OPTIONS_TYPE;

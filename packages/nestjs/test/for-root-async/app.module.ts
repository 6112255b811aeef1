import { HttpModule } from '@nestjs/axios';
import { Controller, Get, Injectable, Module, Param, type DynamicModule } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import type { ConfigurableModuleOptionsFactory } from '@nestjs/common';
import {
  fromEnv,
  KjoretoyregisterModule,
  KjoretoyregisterService,
  type KjoretoyregisterModuleOptions,
} from '../../src/index.js';
import { AxiosCallRecorder } from '../support/axios-recorder.js';

@Controller('kjoretoy')
export class KjoretoyController {
  constructor(private readonly kjoretoyregister: KjoretoyregisterService) {}

  @Get(':kjennemerke')
  async lookup(@Param('kjennemerke') kjennemerke: string) {
    const [outcome] = await this.kjoretoyregister.lookupKjennemerke([kjennemerke]);
    return { status: outcome.status };
  }
}

/** No backoff between retries: tests count requests instead of waiting. */
const TEST_OVERRIDES = { retryBaseDelayMs: 0, retryMaxDelayMs: 0 };

/**
 * A configured axios instance (timeout, a default header) the app also uses for its own calls.
 * The same object in both `imports` lists is one module instance, so the recorder below and the
 * Kjøretøyregister module share its `HttpService`.
 */
export const fiksHttp = HttpModule.register({ timeout: 10_000, headers: { 'X-Calling-App': 'saksbehandling' } });

@Module({ imports: [fiksHttp], providers: [AxiosCallRecorder], exports: [AxiosCallRecorder] })
export class RegisteredHttpRecorderModule {}

/** `forRootAsync` + `useFactory` + `ConfigService`: the environment comes through @nestjs/config. */
@Module({})
export class ForRootAsyncAppModule {
  static with(env: Record<string, string>): DynamicModule {
    return {
      module: ForRootAsyncAppModule,
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => env] }),
        RegisteredHttpRecorderModule,
        KjoretoyregisterModule.forRootAsync({
          imports: [ConfigModule, fiksHttp],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => fromEnv(config, TEST_OVERRIDES),
        }),
      ],
      controllers: [KjoretoyController],
    };
  }
}

@Injectable()
export class KjoretoyregisterConfig
  implements ConfigurableModuleOptionsFactory<KjoretoyregisterModuleOptions, 'create'>
{
  constructor(private readonly config: ConfigService) {}
  create(): KjoretoyregisterModuleOptions {
    return fromEnv(this.config, { ...TEST_OVERRIDES, transportAdapter: 'fetch' });
  }
}

/** `forRootAsync` + `useClass`, global, used from a feature module that does not import it. */
@Module({ controllers: [KjoretoyController] })
export class FeatureModule {}

@Module({})
export class ForRootAsyncUseClassAppModule {
  static with(env: Record<string, string>): DynamicModule {
    return {
      module: ForRootAsyncUseClassAppModule,
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true, load: [() => env] }),
        KjoretoyregisterModule.forRootAsync({ isGlobal: true, useClass: KjoretoyregisterConfig }),
        FeatureModule,
      ],
    };
  }
}

import type { ClientOptions } from '@kjoretoyregister/core';
import { HttpModule } from '@nestjs/axios';
import { Controller, Get, Module, Param, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import {
  KjoretoyregisterExceptionFilter,
  KjoretoyregisterModule,
  KjoretoyregisterService,
  type TransportAdapter,
} from '../../src/index.js';
import { AxiosCallRecorder } from '../support/axios-recorder.js';

@Controller('kjoretoy')
export class KjoretoyController {
  constructor(private readonly kjoretoyregister: KjoretoyregisterService) {}

  @Get('kjennemerke/:kjennemerke')
  async byKjennemerke(@Param('kjennemerke') kjennemerke: string) {
    const [outcome] = await this.kjoretoyregister.lookupKjennemerke([kjennemerke]);
    return { status: outcome.status, understellsnummer: outcome.kjoretoy?.kjoretoyId?.understellsnummer };
  }

  @Get('understellsnummer/:understellsnummer')
  async byUnderstellsnummer(@Param('understellsnummer') understellsnummer: string) {
    const result = await this.kjoretoyregister.lookupUnderstellsnummer(understellsnummer);
    return { status: result.status, count: result.kjoretoy.length };
  }
}

/**
 * The simplest app: `forRoot` with core options, the optional exception filter, and an axios
 * interceptor on the shared `HttpModule` instance (what `HttpModule` without `register` gives).
 */
@Module({})
export class ForRootAppModule {
  static with(options: ClientOptions, transportAdapter?: TransportAdapter): DynamicModule {
    return {
      module: ForRootAppModule,
      imports: [
        HttpModule,
        KjoretoyregisterModule.forRoot({ ...options, ...(transportAdapter ? { transportAdapter } : {}) }),
      ],
      controllers: [KjoretoyController],
      providers: [AxiosCallRecorder, { provide: APP_FILTER, useClass: KjoretoyregisterExceptionFilter }],
    };
  }
}

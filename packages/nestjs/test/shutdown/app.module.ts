import type { ClientOptions } from '@kjoretoyregister/core';
import { Controller, Get, Module, Param, type DynamicModule } from '@nestjs/common';
import { KjoretoyregisterModule, KjoretoyregisterService, type TransportAdapter } from '../../src/index.js';

@Controller('kjoretoy')
export class KjoretoyController {
  constructor(private readonly kjoretoyregister: KjoretoyregisterService) {}

  @Get(':kjennemerke')
  async lookup(@Param('kjennemerke') kjennemerke: string) {
    const [outcome] = await this.kjoretoyregister.lookupKjennemerke([kjennemerke]);
    return { status: outcome.status };
  }
}

@Module({})
export class ShutdownAppModule {
  static with(options: ClientOptions, transportAdapter: TransportAdapter): DynamicModule {
    return {
      module: ShutdownAppModule,
      imports: [KjoretoyregisterModule.forRoot({ ...options, transportAdapter })],
      controllers: [KjoretoyController],
    };
  }
}

import { Module } from '@nestjs/common';
import { SakerModule } from '../saker/saker.module.js';
import { ObservasjonerController } from './observasjoner.controller.js';
import { StandardWebhooksGuard } from './standard-webhooks.guard.js';

@Module({
  imports: [SakerModule],
  controllers: [ObservasjonerController],
  providers: [StandardWebhooksGuard],
})
export class WebhooksModule {}

import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { SakerController } from './saker.controller.js';
import { SakerService } from './saker.service.js';

@Module({
  imports: [DeliveriesModule],
  controllers: [SakerController],
  providers: [SakerService],
  exports: [SakerService],
})
export class SakerModule {}

import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { LookupService } from './lookup.service.js';
import { LookupWorker } from './lookup.worker.js';

@Module({
  imports: [DeliveriesModule],
  providers: [LookupService, LookupWorker],
})
export class LookupsModule {}

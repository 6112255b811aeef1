import { Module } from '@nestjs/common';
import { DeliveryWorker } from './delivery.worker.js';
import { StatusEventsOutbox } from './status-events.outbox.js';

@Module({
  providers: [StatusEventsOutbox, DeliveryWorker],
  exports: [StatusEventsOutbox],
})
export class DeliveriesModule {}

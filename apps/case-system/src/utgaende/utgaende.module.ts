import { Module } from '@nestjs/common';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryWorker } from './delivery.worker.js';
import { StatusEventsOutbox } from './status-events.outbox.js';

@Module({
  providers: [DeliveriesRepository, StatusEventsOutbox, DeliveryWorker],
  exports: [StatusEventsOutbox],
})
export class UtgaendeModule {}

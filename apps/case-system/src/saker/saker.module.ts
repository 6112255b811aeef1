import { Module } from '@nestjs/common';
import { CaseWorkService } from '../case-work/case-work.service.js';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { SakerController } from './saker.controller.js';
import { SakerService } from './saker.service.js';

@Module({
  imports: [DeliveriesModule],
  controllers: [SakerController],
  providers: [SakerService, CaseWorkService],
  exports: [SakerService, CaseWorkService],
})
export class SakerModule {}

import { Module } from '@nestjs/common';
import { UtgaendeModule } from '../utgaende/utgaende.module.js';
import { SakerController } from './saker.controller.js';
import { SakerService } from './saker.service.js';

@Module({
  imports: [UtgaendeModule],
  controllers: [SakerController],
  providers: [SakerService],
  exports: [SakerService],
})
export class SakerModule {}

import { Module } from '@nestjs/common';
import { UtgaendeModule } from '../utgaende/utgaende.module.js';
import { OppslagService } from './oppslag.service.js';
import { OppslagWorker } from './oppslag.worker.js';

@Module({
  imports: [UtgaendeModule],
  providers: [OppslagService, OppslagWorker],
})
export class OppslagModule {}

import { Module } from '@nestjs/common';
import { SakerModule } from '../saker/saker.module.js';
import { InnsynController } from './innsyn.controller.js';

@Module({ imports: [SakerModule], controllers: [InnsynController] })
export class InnsynModule {}

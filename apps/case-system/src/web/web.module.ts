import { Module } from '@nestjs/common';
import { SakerModule } from '../saker/saker.module.js';
import { WebController } from './web.controller.js';

@Module({ imports: [SakerModule], controllers: [WebController] })
export class WebModule {}

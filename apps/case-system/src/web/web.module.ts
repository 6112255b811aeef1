import { Module } from '@nestjs/common';
import { OppslagService } from '../oppslag/oppslag.service.js';
import { SakerModule } from '../saker/saker.module.js';
import { OppslagController } from './oppslag.controller.js';
import { WebController } from './web.controller.js';

@Module({ imports: [SakerModule], controllers: [WebController, OppslagController], providers: [OppslagService] })
export class WebModule {}

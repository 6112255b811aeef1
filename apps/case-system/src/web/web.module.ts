import { Module } from '@nestjs/common';
import { WebLookupService } from '../web-lookup/web-lookup.service.js';
import { SakerModule } from '../saker/saker.module.js';
import { WebLookupController } from './web-lookup.controller.js';
import { WebController } from './web.controller.js';

@Module({ imports: [SakerModule], controllers: [WebController, WebLookupController], providers: [WebLookupService] })
export class WebModule {}

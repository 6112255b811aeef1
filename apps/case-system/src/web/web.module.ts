import { Module } from '@nestjs/common';
import { BulkLookupsModule } from '../bulk-lookups/bulk-lookups.module.js';
import { WebLookupService } from '../web-lookup/web-lookup.service.js';
import { SakerModule } from '../saker/saker.module.js';
import { WebInnsynController } from './innsyn.controller.js';
import { CaseWorkController } from './case-work.controller.js';
import { WebLookupController } from './web-lookup.controller.js';
import { WebController } from './web.controller.js';

@Module({
  imports: [SakerModule, BulkLookupsModule],
  controllers: [WebController, WebLookupController, WebInnsynController, CaseWorkController],
  providers: [WebLookupService],
})
export class WebModule {}

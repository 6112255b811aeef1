import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { CASE_SYSTEM_CONFIG } from '../config/config.constants.js';
import type { CaseSystemConfig } from '../config/load-config.js';
import { BulkLookupController, BulkLookupScriptController, BulkUploadRefused } from '../web/bulk-lookup.controller.js';
import { BulkLookupRunner } from './bulk-lookup.runner.js';
import { BulkLookupWorker } from './bulk-lookup.worker.js';
import { BulkLookupsService } from './bulk-lookups.service.js';

/**
 * Bulk lookups ("Masseoppslag"): the pages and the background worker (their repository is in
 * `persistence/`, provided by `DatabaseModule`). Uploads are kept in memory (multer's default
 * without `dest`), bounded by `BULK_LOOKUP_MAX_BYTES`, one file.
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [CASE_SYSTEM_CONFIG],
      useFactory: (config: CaseSystemConfig) => ({
        limits: {
          fileSize: config.bulkLookup.maxBytes,
          fieldSize: config.bulkLookup.maxBytes,
          files: 1,
          fields: 20,
          parts: 21,
        },
      }),
    }),
  ],
  controllers: [BulkLookupController, BulkLookupScriptController],
  providers: [BulkLookupRunner, BulkLookupWorker, BulkLookupsService, BulkUploadRefused],
})
export class BulkLookupsModule {}

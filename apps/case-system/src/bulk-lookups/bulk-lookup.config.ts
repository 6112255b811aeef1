import { z } from 'zod';
import { envInt, parseArea, type AreaResult, type Environment } from '../config/env.js';

/** Limits of the bulk lookup page ("Masseoppslag"); the worker uses the `WORKER_*` timings. */
export interface BulkLookupConfig {
  /** Lines one bulk lookup may have (a header line not counted). */
  maxLines: number;
  /** Bytes an uploaded file or the pasted text may have. */
  maxBytes: number;
}

const BulkLookupEnvSchema = z.object({
  BULK_LOOKUP_MAX_LINES: envInt(1, 100_000).default(5_000),
  BULK_LOOKUP_MAX_BYTES: envInt(1_000, 50_000_000).default(1_000_000),
});

export function bulkLookupConfig(env: Environment): AreaResult<BulkLookupConfig> {
  const parsed = parseArea(BulkLookupEnvSchema, env);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: { maxLines: parsed.value.BULK_LOOKUP_MAX_LINES, maxBytes: parsed.value.BULK_LOOKUP_MAX_BYTES },
  };
}

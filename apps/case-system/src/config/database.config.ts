import { resolve } from 'node:path';
import { z } from 'zod';
import { envInt, parseArea, type AreaResult, type Environment } from './env.js';

/** `DATABASE_URL` unset → embedded PGlite in `DATA_DIR`; set → a PostgreSQL server through `pg`. */
export type DatabaseConfig =
  | { kind: 'pglite'; /** A directory, or `memory://` for a throwaway database. */ dataDir: string }
  | { kind: 'postgres'; url: string; poolMax: number };

const DEFAULT_DATA_DIR = './.data/case-system';

const DatabaseEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  DATABASE_POOL_MAX: envInt(1, 100).default(10),
});

export function databaseConfig(env: Environment): AreaResult<DatabaseConfig> {
  const parsed = parseArea(DatabaseEnvSchema, env);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (v.DATABASE_URL)
    return { ok: true, value: { kind: 'postgres', url: v.DATABASE_URL, poolMax: v.DATABASE_POOL_MAX } };
  const dataDir = v.DATA_DIR.startsWith('memory://') ? v.DATA_DIR : resolve(v.DATA_DIR);
  return { ok: true, value: { kind: 'pglite', dataDir } };
}

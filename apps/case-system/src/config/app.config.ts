import { z } from 'zod';
import { envBoolean, envInt, parseArea, type AreaResult, type Environment } from './env.js';

type NodeEnv = 'development' | 'test' | 'production';
type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  /** 0 picks a free port (tests, the demo). */
  port: number;
  /** Base of `Location` headers and links; defaults to the address the app listens on. */
  publicUrl?: string;
  logLevel: LogLevel;
  /** `Secure` on the session cookie; on by default in production. */
  cookieSecure: boolean;
  sessionTtlMs: number;
  /** How long `/health/ready` reuses its Kjøretøyregister (Maskinporten token) check, up or down. */
  healthRegisterCacheMs: number;
}

const DEFAULT_PORT = 3000;
const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const DEFAULT_HEALTH_REGISTER_CACHE_MS = 30_000;

const AppEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: envInt(0, 65_535).default(DEFAULT_PORT),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: envBoolean.optional(),
  SESSION_TTL_MS: envInt(60_000).default(DEFAULT_SESSION_TTL_MS),
  HEALTH_REGISTER_CACHE_MS: envInt(0, 24 * 60 * 60_000).default(DEFAULT_HEALTH_REGISTER_CACHE_MS),
});

export function appConfig(env: Environment): AreaResult<AppConfig> {
  const parsed = parseArea(AppEnvSchema, env);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      nodeEnv: v.NODE_ENV,
      host: v.HOST,
      port: v.PORT,
      publicUrl: v.PUBLIC_URL?.replace(/\/+$/, ''),
      logLevel: v.LOG_LEVEL,
      cookieSecure: v.COOKIE_SECURE ?? v.NODE_ENV === 'production',
      sessionTtlMs: v.SESSION_TTL_MS,
      healthRegisterCacheMs: v.HEALTH_REGISTER_CACHE_MS,
    },
  };
}

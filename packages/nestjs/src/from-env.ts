import { configFromEnv, ENV_VARS } from '@kjoretoyregister/core';
import { splitModuleOptions, type KjoretoyregisterModuleOptions } from './kjoretoyregister-module-options.interface.js';

/** Anything with `get(name)`, such as `@nestjs/config`'s `ConfigService` (no import of it needed). */
export interface ConfigReader {
  get(name: string): unknown;
}

/**
 * Module options from the environment variables core's `configFromEnv` reads (`FIKS_ORG_ID`,
 * `MASKINPORTEN_CLIENT_ID`, …), taken from a `ConfigService` (so `.env` files and the app's
 * validation apply) or from a plain record such as `process.env`. `overrides` go on top: core
 * injectables and the module extras. Throws core's `ConfigurationError` naming every bad variable.
 *
 * @example
 * KjoretoyregisterModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => fromEnv(config),
 * })
 */
export function fromEnv(
  source: ConfigReader | Record<string, string | undefined> = process.env,
  overrides: Partial<KjoretoyregisterModuleOptions> = {},
): KjoretoyregisterModuleOptions {
  const env: Record<string, string | undefined> = {};
  for (const name of ENV_VARS) env[name] = readVariable(source, name);
  const { client, extras } = splitModuleOptions(overrides as KjoretoyregisterModuleOptions);
  return { ...configFromEnv(env, client), ...extras };
}

function readVariable(source: ConfigReader | Record<string, string | undefined>, name: string): string | undefined {
  const value = isConfigReader(source) ? source.get(name) : source[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function isConfigReader(source: unknown): source is ConfigReader {
  return typeof (source as ConfigReader).get === 'function';
}

import type { KjoretoyregisterModuleOptions } from '@kjoretoyregister/nestjs';
import { bulkLookupConfig, type BulkLookupConfig } from '../bulk-lookups/bulk-lookup.config.js';
import { appConfig, type AppConfig } from './app.config.js';
import { databaseConfig, type DatabaseConfig } from './database.config.js';
import type { AreaResult, ConfigIssue, Environment } from './env.js';
import { kjoretoyregisterConfig, lookupConfig, type LookupConfig } from './kjoretoyregister.config.js';
import { oidcConfig, type OidcConfig } from './oidc.config.js';
import { webLookupConfig, type WebLookupConfig } from './web-lookup.config.js';
import { webhooksConfig, type WebhooksConfig } from './webhooks.config.js';

export interface CaseSystemConfig {
  app: AppConfig;
  database: DatabaseConfig;
  kjoretoyregister: KjoretoyregisterModuleOptions;
  lookup: LookupConfig;
  webhooks: WebhooksConfig;
  /** OpenID Connect login; undefined when `OIDC_ISSUER_URL` is not set (API-key login only). */
  oidc: OidcConfig | undefined;
  /** The lookup page's purposes, legal bases and fødselsnummer roles. */
  webLookup: WebLookupConfig;
  /** The bulk lookup page's limits. */
  bulkLookup: BulkLookupConfig;
  /** Deprecated environment variables that are set; logged once each at boot. */
  deprecations: string[];
}

/** The app refuses to start; `issues` names every bad variable at once, never a value. */
export class CaseSystemConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'CaseSystemConfigError';
    this.issues = issues;
  }
}

/** Validates every area once, at boot, and throws one error listing all problems. */
export function loadConfig(env: Environment = process.env): CaseSystemConfig {
  const app = appConfig(env);
  const production = app.ok && app.value.nodeEnv === 'production';
  const areas = {
    app,
    database: databaseConfig(env),
    kjoretoyregister: kjoretoyregisterConfig(env, production),
    lookup: lookupConfig(env),
    webhooks: webhooksConfig(env, production),
    oidc: oidcConfig(env, production),
    webLookup: webLookupConfig(env),
    bulkLookup: bulkLookupConfig(env),
  };
  const issues = Object.values(areas).flatMap((area: AreaResult<unknown>) => (area.ok ? [] : area.issues));
  if (issues.length > 0) throw new CaseSystemConfigError(issues);
  return {
    app: valueOf(areas.app),
    database: valueOf(areas.database),
    kjoretoyregister: valueOf(areas.kjoretoyregister),
    lookup: valueOf(areas.lookup),
    webhooks: valueOf(areas.webhooks),
    oidc: valueOf(areas.oidc),
    webLookup: valueOf(areas.webLookup),
    bulkLookup: valueOf(areas.bulkLookup),
    deprecations: Object.values(areas).flatMap((area: AreaResult<unknown>) =>
      area.ok ? (area.deprecations ?? []) : [],
    ),
  };
}

function valueOf<T>(area: AreaResult<T>): T {
  if (!area.ok) throw new CaseSystemConfigError(area.issues);
  return area.value;
}

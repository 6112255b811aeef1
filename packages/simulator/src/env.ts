import type { DemoCredentials } from './credentials/demo-credentials.js';

export interface DemoIdentity {
  orgnr: string;
  clientId: string;
  scope: string;
  fiksOrgId: string;
  integrasjonId: string;
  integrasjonPassord: string;
  /** kid of the registered key (registered-key mode). */
  kid: string;
  supplierOrgnr: string;
  supplierClientId: string;
}

/**
 * The environment core's `configFromEnv` reads, pointing at this simulator with the p12 variant
 * (the format municipalities receive from Buypass/Commfides).
 */
export function clientEnv(url: string, demo: DemoIdentity, credentials: DemoCredentials): Record<string, string> {
  return {
    KJORETOY_ENV: 'test',
    FIKS_API_URL: url,
    FIKS_ORG_ID: demo.fiksOrgId,
    FIKS_INTEGRASJON_ID: demo.integrasjonId,
    FIKS_INTEGRASJON_PASSORD: demo.integrasjonPassord,
    MASKINPORTEN_CLIENT_ID: demo.clientId,
    MASKINPORTEN_SCOPE: demo.scope,
    MASKINPORTEN_ISSUER: `${url}/`,
    MASKINPORTEN_TOKEN_URL: `${url}/token`,
    MASKINPORTEN_P12: credentials.client.p12Path,
    MASKINPORTEN_P12_PASSWORD: credentials.client.p12Password,
  };
}

/** `export NAME='value'` lines, single-quoted so any value is safe to `eval` in sh/bash/zsh. */
export function formatEnvExports(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => `export ${name}=${shellQuote(value)}`)
    .join('\n');
}

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The two URL rules of the configuration, in one place so the client options, the one-shot token
 * fetch and the low-level grant all apply the same ones (and adapters import them, never rewrite them).
 */

/**
 * Loopback hosts only: `localhost`, `127.0.0.0/8` and `[::1]`. Plain http carries the grant, the
 * token and `IntegrasjonPassord` in clear text (docs/contract.md#s9.11), so it is accepted for a
 * local simulator and nothing else.
 */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Why an http(s) URL is refused, or undefined when it is acceptable: https anywhere, http on loopback only. */
export function insecureUrlMessage(value: string, allowInsecureHttp: boolean): string | undefined {
  if (allowInsecureHttp) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not a URL at all: the schema's own URL check reports that.
    return undefined;
  }
  if (url.protocol !== 'http:' || isLoopbackUrl(url)) return undefined;
  // Host-neutral: the CLI, Nest and n8n users who read this have no allowInsecureHttp setting.
  return 'must be https: plain http is only allowed for loopback (a local simulator on 127.0.0.1)';
}

/**
 * docs/contract.md#s2.1: the issuer, with its trailing slash, is the grant `aud`. Core rejects an
 * issuer without the slash and never adds it: a silently "fixed" audience would hide a setting
 * that is wrong wherever else it is used.
 */
export const ISSUER_RULE_MESSAGE =
  "must be the Maskinporten issuer URL with its trailing slash, e.g. 'https://test.maskinporten.no/' (see https://github.com/kjoretoyregister/kjoretoyregister/blob/main/docs/contract.md#s2.1)";

export function isIssuerUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !value.endsWith('/')) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The two register environments; a preset sets all of one environment's URLs together. */
type KnownEnvironment = 'test' | 'prod';

/**
 * Which environment a URL belongs to by its host, or undefined for any other host (loopback, a
 * simulator, a proxy in front of Fiks): only the public KS and Digdir hosts say TEST or PROD.
 */
export function environmentOfUrl(value: string): KnownEnvironment | undefined {
  let host: string;
  try {
    host = new URL(value).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === 'test.maskinporten.no' || host.endsWith('.test.maskinporten.no')) return 'test';
  if (host === 'maskinporten.no' || host.endsWith('.maskinporten.no')) return 'prod';
  if (host.endsWith('.test.ks.no')) return 'test';
  if (host === 'ks.no' || host.endsWith('.ks.no')) return 'prod';
  return undefined;
}

/**
 * docs/contract.md#s3.2: a TEST token is rejected by PROD Fiks and the other way round, and a PROD
 * lookup under a TEST setting would be audited as a test. Why `field` (an endpoint URL) does not
 * belong with `environment`, or undefined when it does or is neither TEST nor PROD. `fix` is the
 * host's advice (configFromEnv names the variable to unset).
 */
export function mixedEnvironmentMessage(
  value: string,
  environment: KnownEnvironment,
  environmentField: string,
  fix = 'remove the override, or set allowMixedEnvironments: true if this is deliberate',
): string | undefined {
  const own = environmentOfUrl(value);
  if (own === undefined || own === environment) return undefined;
  return `is a ${own.toUpperCase()} endpoint but ${environmentField} is '${environment}': TEST and PROD can never be mixed; ${fix}`;
}

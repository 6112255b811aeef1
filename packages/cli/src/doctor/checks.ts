/**
 * `kjoretoy doctor`: the chain from configuration to a real Fiks answer, one step at a time, each
 * saying exactly what is wrong and what to do. Steps share what earlier steps found (client, key,
 * token); a step whose input an earlier failure made unavailable is skipped, not guessed.
 */

import {
  AuditContextRequiredError,
  ConfigurationError,
  createKjoretoyregisterClient,
  decodeAccessToken,
  KjoretoyregisterError,
  MaskinportenError,
  TransportError,
  type AccessToken,
  type AuditContext,
  type KeyMaterial,
  type KjoretoyregisterClient,
} from '@kjoretoyregister/core';
import { clientOptionsFrom, type Environment } from '../config.js';
import { describeError } from '../io/render-error.js';
import {
  certificateEnvironment,
  classifyKeyFailure,
  describeKeyIssues,
  hostEnvironment,
  validityText,
  type KeyFailure,
} from './certificate.js';
import { fiksHint, maskinportenHint, transportHint } from './hints.js';

export type CheckResult =
  | { status: 'ok'; detail?: string }
  | { status: 'failed'; detail?: string; hint: string }
  | { status: 'skipped'; reason: string };

export interface DoctorCheck {
  name: string;
  run(): Promise<CheckResult>;
}

export interface DoctorInput {
  env: Readonly<Environment>;
  debug: boolean;
  audit?: Partial<AuditContext>;
  /** The integration's autorisert organisasjon, when the user knows it (`--forventet-org`). */
  expectedOrg?: string;
  signal: AbortSignal;
  now?: () => number;
}

/**
 * The probe for the Fiks step: an exact `sok/kjennemerke` for the not-found plate of docs/contract.md#s6 with
 * `antall=1`. A search, not a bulk lookup, so no lookup quota is spent; a plate, not a name, so
 * the audited query carries no personal data; a GET, so it is safe to retry.
 */
export const FIKS_PROBE = { endpoint: 'kjennemerke', kjennemerke: 'XX99999', antall: 1 } as const;

interface State {
  client?: KjoretoyregisterClient;
  key?: KeyMaterial;
  keyFailure?: { kind: KeyFailure; error: unknown };
  token?: AccessToken;
  consumerOrg?: string;
}

const ok = (detail?: string): CheckResult => ({ status: 'ok', ...(detail ? { detail } : {}) });
const failed = (hint: string, detail?: string): CheckResult => ({
  status: 'failed',
  hint,
  ...(detail ? { detail } : {}),
});
const skipped = (reason: string): CheckResult => ({ status: 'skipped', reason });

export interface Doctor {
  checks: DoctorCheck[];
  close(): Promise<void>;
}

export function createDoctorChecks(input: DoctorInput): Doctor {
  const state: State = {};
  const now = input.now ?? Date.now;
  const environment = input.env['KJORETOY_ENV']?.trim() || 'test';
  const noKey = (): CheckResult =>
    skipped(state.keyFailure ? 'the key material did not load' : 'the configuration is incomplete');
  const certificateStep =
    (run: (key: KeyMaterial) => CheckResult): (() => Promise<CheckResult>) =>
    async () => {
      if (!state.key) return noKey();
      if (state.key.mode === 'kid' || !state.key.certificate)
        return ok('registered key (kid): no certificate involved');
      return run(state.key);
    };

  const checks: DoctorCheck[] = [
    {
      name: 'Variables present and valid',
      async run() {
        try {
          state.client = createKjoretoyregisterClient(clientOptionsFrom(input.env, { debug: input.debug }));
        } catch (error) {
          if (!(error instanceof ConfigurationError)) throw error;
          const problems = error.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
          return failed(
            'set the variables in the environment, a .env file or as flags (see kjoretoy --help)',
            problems,
          );
        }
        const config = state.client.config;
        for (const [name, url] of [
          ['FIKS_API_URL', config.fiksApiUrl],
          ['MASKINPORTEN_TOKEN_URL', config.maskinportenTokenUrl],
        ] as const) {
          const host = hostEnvironment(url);
          if (host && host !== config.environment) {
            return failed(
              `${name} points at ${host.toUpperCase()} while KJORETOY_ENV=${config.environment}: TEST and PROD share nothing; unset ${name} and let KJORETOY_ENV choose`,
            );
          }
        }
        return ok(
          `KJORETOY_ENV=${config.environment}, Fiks ${config.fiksApiUrl}, Maskinporten ${config.maskinportenTokenUrl}`,
        );
      },
    },
    {
      name: 'Key material readable',
      async run() {
        if (!state.client) return skipped('the configuration is incomplete');
        try {
          state.key = await state.client.loadKeyMaterial();
        } catch (error) {
          const kind = classifyKeyFailure(error);
          state.keyFailure = { kind, error };
          if (kind === 'unreadable') {
            return failed(
              'check the path and password; the file must be the .p12/.pfx or PEM you received with the certificate',
              describeKeyIssues(error),
            );
          }
          return ok('files read');
        }
        return ok(
          state.key.mode === 'kid'
            ? `registered key, kid ${state.key.kid}`
            : `certificate ${state.key.certificate?.subject ?? ''}`,
        );
      },
    },
    {
      name: 'Key matches certificate',
      async run() {
        if (state.keyFailure?.kind === 'mismatch') {
          return failed(
            'MASKINPORTEN_KEY is not the private key of MASKINPORTEN_CERT (or the .p12 holds a key without its certificate): take both from the same virksomhetssertifikat',
            describeKeyIssues(state.keyFailure.error),
          );
        }
        if (state.keyFailure?.kind === 'validity') return ok('the private key matches the certificate');
        return certificateStep(() => ok('the private key matches the certificate'))();
      },
    },
    {
      name: 'Certificate validity dates',
      async run() {
        if (state.keyFailure?.kind === 'validity') {
          const expired = /expired/i.test(describeKeyIssues(state.keyFailure.error));
          return failed(
            expired
              ? 'renew the virksomhetssertifikat with your CA (Buypass/Commfides) and point MASKINPORTEN_P12 or MASKINPORTEN_CERT at the new one'
              : 'the certificate is not valid yet: check the host clock (NTP) or wait for its start date',
            describeKeyIssues(state.keyFailure.error),
          );
        }
        return certificateStep((key) =>
          ok(validityText(key.certificate as NonNullable<KeyMaterial['certificate']>, now())),
        )();
      },
    },
    {
      name: 'Organisation number in certificate',
      run: certificateStep((key) => {
        const orgnr = key.certificate?.organisationNumber;
        if (orgnr) return ok(orgnr);
        return failed(
          'the certificate has no organisation number (subject serialNumber or organizationIdentifier NTRNO-…): it is not a virksomhetssertifikat, and Maskinporten will reject it',
        );
      }),
    },
    {
      name: 'Certificate matches environment',
      run: certificateStep((key) => {
        const certificate = key.certificate as NonNullable<KeyMaterial['certificate']>;
        const issuedFor = certificateEnvironment(certificate);
        if (environment === 'prod' && issuedFor === 'test') {
          return failed(
            'a TEST certificate with KJORETOY_ENV=prod: Maskinporten PROD rejects it (MP-120); use your production virksomhetssertifikat',
            `issuer ${certificate.issuer}`,
          );
        }
        if (environment === 'test' && issuedFor === 'prod') {
          return failed(
            'a PROD certificate with KJORETOY_ENV=test: Maskinporten TEST rejects it (MP-120); order a test certificate from your CA',
            `issuer ${certificate.issuer}`,
          );
        }
        const label = issuedFor === 'unknown' ? 'issuer not recognised as a Buypass/Commfides CA' : `${issuedFor} CA`;
        return ok(`${label}: ${certificate.issuer}`);
      }),
    },
    {
      name: 'Token request',
      async run() {
        if (!state.client || !state.key) return noKey();
        try {
          state.token = await state.client.getAccessToken({ signal: input.signal });
        } catch (error) {
          if (error instanceof MaskinportenError) {
            return failed(
              maskinportenHint(error),
              [error.mpCode, error.errorDescription ?? error.message].filter(Boolean).join(' '),
            );
          }
          if (error instanceof TransportError)
            return failed(transportHint(error, 'MASKINPORTEN_TOKEN_URL'), error.message);
          if (error instanceof KjoretoyregisterError) return failed('see the error above', describeError(error));
          throw error;
        }
        return ok(`token received, expires in ${state.token.expiresIn} s`);
      },
    },
    {
      name: 'Token consumer organisation',
      async run() {
        if (!state.token) return skipped('no token');
        const decoded = decodeAccessToken(state.token.value);
        state.consumerOrg = decoded.consumerOrg;
        const scopes = Array.isArray(decoded.scope) ? decoded.scope : String(decoded.scope ?? '').split(/\s+/);
        if (!scopes.includes('ks:fiks')) {
          return failed(
            'the token has no ks:fiks scope: set MASKINPORTEN_SCOPE=ks:fiks (or unset it)',
            `scope ${scopes.join(' ')}`,
          );
        }
        if (!decoded.consumerOrg)
          return failed('the token has no consumer organisation; Fiks cannot match it to the integration');
        const expected =
          input.expectedOrg ??
          input.env['MASKINPORTEN_CONSUMER_ORG']?.trim() ??
          state.key?.certificate?.organisationNumber;
        const consumer = `consumer 0192:${decoded.consumerOrg}`;
        if (!expected) {
          return ok(`${consumer} (pass --forventet-org with the integration's autorisert organisasjon to compare)`);
        }
        if (expected !== decoded.consumerOrg) {
          return failed(
            `the token's consumer is ${decoded.consumerOrg} but ${expected} is expected: Fiks requires the consumer to be the integration's autorisert organisasjon; a supplier acting for a municipality sets MASKINPORTEN_CONSUMER_ORG (with an Altinn delegation), anyone else uses that organisation's own certificate`,
            consumer,
          );
        }
        return ok(`${consumer}, as expected`);
      },
    },
    {
      name: 'Fiks call (sok/kjennemerke, not-found probe)',
      async run() {
        if (!state.client || !state.token) return skipped('no token');
        try {
          const page = await state.client.sok(
            FIKS_PROBE.endpoint,
            { kjennemerke: FIKS_PROBE.kjennemerke, antall: FIKS_PROBE.antall },
            { ...(input.audit ? { audit: input.audit } : {}), signal: input.signal },
          );
          return ok(
            `Fiks answered (${page.kjoretoyresponser?.length ?? 0} hits); token, integration and access are in order`,
          );
        } catch (error) {
          if (error instanceof AuditContextRequiredError) {
            return failed(
              'with KJORETOY_ENV=prod this search is audited like any other: pass --aktor, --formal and --hjemmel',
            );
          }
          if (error instanceof TransportError) return failed(transportHint(error, 'FIKS_API_URL'), error.message);
          if (error instanceof KjoretoyregisterError) {
            return failed(fiksHint(error, state.consumerOrg) ?? 'see the error text', describeError(error));
          }
          throw error;
        }
      },
    },
  ];
  return {
    checks,
    async close() {
      await state.client?.close();
    },
  };
}

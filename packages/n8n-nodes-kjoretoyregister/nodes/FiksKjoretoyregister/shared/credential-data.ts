/**
 * The credential's fields as typed data, and what core needs from them. Shared by the credential
 * (token request) and the node (client options) so both read the same fields the same way.
 *
 * Key material is accepted inline only (PEM text or base64 PKCS#12): a community node must not
 * touch the file system, and core's host entry reads no files either.
 */

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import {
  ConfigurationError,
  PRESETS,
  environmentOfUrl,
  type ConfigurationIssue,
  type KeyMaterialOption,
} from '@kjoretoyregister/core/host';

export const CREDENTIAL_TYPE = 'fiksKjoretoyregisterApi';

export type CredentialEnvironment = 'test' | 'prod' | 'custom';

export interface FiksCredentialData {
  environment: CredentialEnvironment;
  fiksApiUrl: string;
  maskinportenIssuer: string;
  maskinportenTokenUrl: string;
  fiksOrgId: string;
  integrasjonId: string;
  integrasjonPassword: string;
  clientId: string;
  scope: string;
  consumerOrg: string;
  keyMaterial: 'pem' | 'pkcs12';
  certificate: string;
  privateKey: string;
  privateKeyPassphrase: string;
  pkcs12Certificate: string;
  pkcs12Password: string;
}

/** Where calls go: the preset for test/prod (Fiks host and Maskinporten together, docs/contract.md#s3.2), or the custom URLs. */
export interface CredentialEndpoints {
  /** Core's preset; `custom` overrides every URL of the `test` preset. */
  environment: 'test' | 'prod';
  fiksApiUrl: string;
  maskinportenIssuer: string;
  maskinportenTokenUrl: string;
}

function text(raw: ICredentialDataDecryptedObject, name: keyof FiksCredentialData): string {
  const value = raw[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function readCredentialData(raw: ICredentialDataDecryptedObject): FiksCredentialData {
  const environment = text(raw, 'environment');
  return {
    environment: environment === 'prod' || environment === 'custom' ? environment : 'test',
    fiksApiUrl: text(raw, 'fiksApiUrl'),
    maskinportenIssuer: text(raw, 'maskinportenIssuer'),
    maskinportenTokenUrl: text(raw, 'maskinportenTokenUrl'),
    fiksOrgId: text(raw, 'fiksOrgId'),
    integrasjonId: text(raw, 'integrasjonId'),
    // Passwords are taken verbatim: surrounding spaces could be part of them.
    integrasjonPassword: typeof raw['integrasjonPassword'] === 'string' ? raw['integrasjonPassword'] : '',
    clientId: text(raw, 'clientId'),
    scope: text(raw, 'scope') || 'ks:fiks',
    consumerOrg: text(raw, 'consumerOrg'),
    keyMaterial: text(raw, 'keyMaterial') === 'pkcs12' ? 'pkcs12' : 'pem',
    certificate: text(raw, 'certificate'),
    privateKey: text(raw, 'privateKey'),
    privateKeyPassphrase: typeof raw['privateKeyPassphrase'] === 'string' ? raw['privateKeyPassphrase'] : '',
    pkcs12Certificate: text(raw, 'pkcs12Certificate'),
    pkcs12Password: typeof raw['pkcs12Password'] === 'string' ? raw['pkcs12Password'] : '',
  };
}

export function endpointsOf(data: FiksCredentialData): CredentialEndpoints {
  if (data.environment !== 'custom') {
    return { environment: data.environment, ...PRESETS[data.environment] };
  }
  const issues: ConfigurationIssue[] = [];
  const custom = [
    ['fiksApiUrl', data.fiksApiUrl],
    ['maskinporten.issuer', data.maskinportenIssuer],
    ['maskinporten.tokenUrl', data.maskinportenTokenUrl],
  ] as const;
  for (const [path, value] of custom) {
    if (value === '') issues.push({ path, message: 'is required when Environment is Custom URLs' });
  }
  if (issues.length > 0) throw new ConfigurationError(issues);
  // Passed as typed: core's own rule decides whether an issuer is valid (it must end with a
  // slash, docs/contract.md#s2.1) and names the field when it is not. Custom URLs on the public
  // PROD hosts (e.g. through a proxy setting) are PROD; core refuses a TEST/PROD mix among them.
  const prod = custom.some(([, value]) => environmentOfUrl(value) === 'prod');
  return {
    environment: prod ? 'prod' : 'test',
    fiksApiUrl: data.fiksApiUrl,
    maskinportenIssuer: data.maskinportenIssuer,
    maskinportenTokenUrl: data.maskinportenTokenUrl,
  };
}

/** The Fiks half of core's client options, for the node's client and the credential test alike. */
export function clientOptionsOf(data: FiksCredentialData) {
  const endpoints = endpointsOf(data);
  return {
    environment: endpoints.environment,
    fiksApiUrl: endpoints.fiksApiUrl,
    fiksOrgId: data.fiksOrgId,
    integrasjonId: data.integrasjonId,
    integrasjonPassord: data.integrasjonPassword,
  };
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Browsers and copy-paste often turn a PEM's line breaks into spaces; OpenSSL needs them back.
 * Only the base64 body is re-wrapped; headers such as `Proc-Type` keep their own lines.
 */
export function repairPem(value: string): string {
  return value.replace(PEM_BLOCK, (block: string, label: string, body: string) => {
    if (body.includes('\n')) return block;
    const base64 = body.replace(/\s+/g, '');
    const lines = base64.match(/.{1,64}/g) ?? [];
    return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----`;
  });
}

/** Issues name core's option paths, as core's own do; field-names.ts labels them. */
const KEY_MATERIAL = 'maskinporten.keyMaterial';

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** Inline key material for core's `keyMaterial` option: never a path (no file system access). */
export function keyMaterialOf(data: FiksCredentialData): KeyMaterialOption {
  if (data.keyMaterial === 'pkcs12') {
    if (data.pkcs12Certificate === '' || !BASE64.test(data.pkcs12Certificate)) {
      throw new ConfigurationError([
        {
          path: `${KEY_MATERIAL}.pkcs12`,
          message: 'must be the .p12/.pfx file as base64 (e.g. `base64 -w0 file.p12`)',
        },
      ]);
    }
    return {
      kind: 'pkcs12',
      pkcs12: new Uint8Array(Buffer.from(data.pkcs12Certificate.replace(/\s+/g, ''), 'base64')),
      password: data.pkcs12Password,
    };
  }
  const issues: ConfigurationIssue[] = [];
  if (!data.certificate.includes('-----BEGIN CERTIFICATE-----')) {
    issues.push({
      path: `${KEY_MATERIAL}.certificate`,
      message: 'must be the PEM certificate text (-----BEGIN CERTIFICATE-----)',
    });
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(data.privateKey)) {
    issues.push({
      path: `${KEY_MATERIAL}.privateKey`,
      message: 'must be the PEM private key text (-----BEGIN PRIVATE KEY-----)',
    });
  }
  if (issues.length > 0) throw new ConfigurationError(issues);
  return {
    kind: 'pem',
    certificate: repairPem(data.certificate),
    privateKey: repairPem(data.privateKey),
    ...(data.privateKeyPassphrase === '' ? {} : { passphrase: data.privateKeyPassphrase }),
  };
}

/** What core's `fetchMaskinportenToken` needs from the form: the environment and its `maskinporten` option. */
export function maskinportenOptionsOf(data: FiksCredentialData) {
  const endpoints = endpointsOf(data);
  return {
    environment: endpoints.environment,
    maskinporten: {
      clientId: data.clientId,
      scope: data.scope,
      issuer: endpoints.maskinportenIssuer,
      tokenUrl: endpoints.maskinportenTokenUrl,
      ...(data.consumerOrg === '' ? {} : { consumerOrg: data.consumerOrg }),
      keyMaterial: keyMaterialOf(data),
    },
  };
}

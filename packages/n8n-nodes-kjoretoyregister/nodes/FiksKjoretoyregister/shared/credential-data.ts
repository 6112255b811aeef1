/**
 * The credential's fields as typed data, and what core needs from them. Shared by the credential
 * (token request) and the node (client options) so both read the same fields the same way.
 *
 * Key material is accepted inline only (PEM text or base64 PKCS#12): core would read a file path,
 * and a community node must not touch the file system.
 */

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { ConfigurationError, PRESETS, type ConfigurationIssue, type KeyMaterialInput } from '@kjoretoyregister/core';

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
  for (const field of ['fiksApiUrl', 'maskinportenIssuer', 'maskinportenTokenUrl'] as const) {
    if (data[field] === '') issues.push({ path: field, message: 'is required when Environment is Custom URLs' });
  }
  if (issues.length > 0) throw new ConfigurationError(issues);
  return {
    environment: 'test',
    fiksApiUrl: data.fiksApiUrl,
    // The issuer is the grant audience and must end with a slash (docs/contract.md#s2.1); users often drop it.
    maskinportenIssuer: data.maskinportenIssuer.endsWith('/') ? data.maskinportenIssuer : `${data.maskinportenIssuer}/`,
    maskinportenTokenUrl: data.maskinportenTokenUrl,
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

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

/** Inline key material for core's `loadKeyMaterial`: never a path (no file system access). */
export function keyMaterialOf(data: FiksCredentialData): KeyMaterialInput {
  if (data.keyMaterial === 'pkcs12') {
    if (data.pkcs12Certificate === '' || !BASE64.test(data.pkcs12Certificate)) {
      throw new ConfigurationError([
        { path: 'pkcs12Certificate', message: 'must be the .p12/.pfx file as base64 (e.g. `base64 -w0 file.p12`)' },
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
    issues.push({ path: 'certificate', message: 'must be the PEM certificate text (-----BEGIN CERTIFICATE-----)' });
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(data.privateKey)) {
    issues.push({ path: 'privateKey', message: 'must be the PEM private key text (-----BEGIN PRIVATE KEY-----)' });
  }
  if (issues.length > 0) throw new ConfigurationError(issues);
  return {
    kind: 'pem',
    certificate: repairPem(data.certificate),
    privateKey: repairPem(data.privateKey),
    ...(data.privateKeyPassphrase === '' ? {} : { passphrase: data.privateKeyPassphrase }),
  };
}

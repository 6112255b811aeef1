/**
 * How the node names core's options to the user: by the labels of the credential form and of the
 * node's Audit fields, read from their property lists, so each label is written once. Core's hints
 * (`hintFor`) and its configuration issues name fields by core's option paths.
 *
 * Nothing here imports the credential class: the credential itself uses these names (its token
 * step reports failures), so it passes its own properties in.
 */

import type { INodeProperties } from 'n8n-workflow';
import type { ConfigField, ConfigurationIssue, FieldNames } from '@kjoretoyregister/core/host';
import type { FiksCredentialData } from './credential-data.js';

type CredentialField = keyof FiksCredentialData;
type AuditField = 'actor' | 'purpose' | 'legalBasis';

/** Where each of core's options is set in n8n. */
type FieldSource = { credential: CredentialField } | { audit: AuditField } | { text: string };

const SOURCES: Readonly<Record<ConfigField, FieldSource>> = {
  environment: { credential: 'environment' },
  fiksApiUrl: { credential: 'fiksApiUrl' },
  fiksOrgId: { credential: 'fiksOrgId' },
  integrasjonId: { credential: 'integrasjonId' },
  integrasjonPassord: { credential: 'integrasjonPassword' },
  'maskinporten.clientId': { credential: 'clientId' },
  'maskinporten.scope': { credential: 'scope' },
  'maskinporten.issuer': { credential: 'maskinportenIssuer' },
  'maskinporten.tokenUrl': { credential: 'maskinportenTokenUrl' },
  'maskinporten.consumerOrg': { credential: 'consumerOrg' },
  'maskinporten.keyMaterial': { credential: 'keyMaterial' },
  // The credential offers certificate key material only; a kid belongs to core's key mode.
  'maskinporten.keyMaterial.kid': { credential: 'keyMaterial' },
  'audit.actor': { audit: 'actor' },
  'audit.purpose': { audit: 'purpose' },
  'audit.legalBasis': { audit: 'legalBasis' },
  // n8n's HTTP helpers take their proxy from the n8n host, not from the node or the credential.
  proxy: { text: 'the proxy settings of the n8n host' },
};

/** The parts of core's key material option (`maskinporten.keyMaterial.password`) → the credential field holding each. */
const KEY_MATERIAL_FIELDS: Readonly<Record<string, CredentialField>> = {
  certificate: 'certificate',
  privateKey: 'privateKey',
  passphrase: 'privateKeyPassphrase',
  pkcs12: 'pkcs12Certificate',
  password: 'pkcs12Password',
};

export interface NodeFieldNames {
  /** For core's `hintFor` and `maskinportenHint`. */
  readonly fieldNames: FieldNames;
  /** A configuration issue's path (core's option path) as the form labels that field. */
  label(path: string): string;
}

function labels(properties: readonly object[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const property of properties) {
    if ('name' in property && 'displayName' in property) {
      const { name, displayName } = property;
      if (typeof name === 'string' && typeof displayName === 'string') result.set(name, displayName);
    }
  }
  return result;
}

function isConfigField(path: string): path is ConfigField {
  return Object.hasOwn(SOURCES, path);
}

/** `credential`: the credential type's `properties`; `audit`: the node's Audit collection. */
export function nodeFieldNames(credential: readonly INodeProperties[], audit: INodeProperties): NodeFieldNames {
  const credentialLabels = labels(credential);
  const auditLabels = labels(audit.options ?? []);
  const nameOf = (source: FieldSource): string => {
    if ('credential' in source) return credentialLabels.get(source.credential) ?? source.credential;
    if ('audit' in source) return auditLabels.get(source.audit) ?? `${audit.displayName} ${source.audit}`;
    return source.text;
  };
  const fieldNames = Object.fromEntries(
    Object.entries(SOURCES).map(([field, source]) => [field, nameOf(source)]),
  ) as Record<ConfigField, string>;

  return {
    fieldNames,
    label(path) {
      const keyPart = /^maskinporten\.keyMaterial\.(\w+)$/.exec(path)?.[1];
      const keyField = keyPart === undefined ? undefined : KEY_MATERIAL_FIELDS[keyPart];
      if (keyField !== undefined) return credentialLabels.get(keyField) ?? keyField;
      return isConfigField(path) ? fieldNames[path] : path;
    },
  };
}

/** `Certificate (PEM) must be …; Fiks Organisation ID must be a UUID`: core's messages after the form's labels. */
export function describeIssues(issues: readonly ConfigurationIssue[], names: NodeFieldNames): string {
  return issues.map((issue) => `${names.label(issue.path)} ${issue.message}`).join('; ');
}

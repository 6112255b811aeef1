/**
 * Deterministic, documented demo identities (README "Demo identities"). The organisation
 * numbers are synthetic: valid mod-11 check digits, in the 3xxxxxxxx range that no real
 * Norwegian organisation uses (real ones start with 8 or 9).
 */
export const DEMO_SCOPE = 'ks:fiks';

export const DEMO_KOMMUNE = {
  orgnr: '310000019',
  organisation: 'Demo Kommune',
  clientId: 'demo-kommune-client',
  /** kid of the pre-registered key ("registered key" mode, docs/contract.md#s2.3). */
  registeredKid: 'demo-kommune-key-1',
  fiksOrgId: '5f0c0d6a-6b8e-4d2a-9c1e-3a7b2e4f9d01',
  integrasjonId: '8e2c6f4b-1a3d-4c5e-9f70-2b4d6e8a0c13',
  integrasjonPassord: 'demo-integrasjon-passord',
} as const;

/** A supplier ("leverandør") with a delegation from Demo Kommune, for `consumer_org` and MP-122 cases. */
export const DEMO_LEVERANDOR = {
  orgnr: '315000009',
  organisation: 'Demo Leverandor AS',
  clientId: 'demo-leverandor-client',
} as const;

/** Password of every `.p12` the simulator writes. */
export const DEMO_P12_PASSWORD = 'demo-p12-passord';

/** ISO 6523 prefix of Norwegian organisation numbers in `consumer.ID` (docs/contract.md#s2.6). */
export const ORGNR_AUTHORITY_PREFIX = '0192:';

export function isOrgnr(value: unknown): value is string {
  return typeof value === 'string' && /^\d{9}$/.test(value);
}

import { createHash, timingSafeEqual } from 'node:crypto';
import { isOrgnr } from '../credentials/demo-identities.js';

/** A Fiks integration (docs/contract.md#s3.3): id + password, its authorised organisation and its grants. */
export interface IntegrationRegistration {
  integrasjonId: string;
  passord: string;
  /** "Autorisert organisasjon": must equal the token's `consumer` org (docs/contract.md#s3.4). */
  orgnr: string;
  /** Fiks organisations for which Kjøretøyregister is granted and activated. */
  fiksOrgIds: string[];
}

interface StoredIntegration {
  integrasjonId: string;
  passordHash: Buffer;
  orgnr: string;
  fiksOrgIds: ReadonlySet<string>;
}

export class IntegrationRegistry {
  private integrations = new Map<string, StoredIntegration>();

  register(input: IntegrationRegistration): void {
    validate(input);
    this.integrations.set(input.integrasjonId, {
      integrasjonId: input.integrasjonId,
      passordHash: hash(input.passord),
      orgnr: input.orgnr,
      fiksOrgIds: new Set(input.fiksOrgIds),
    });
  }

  /** The integration when id and password match; undefined otherwise, without saying which failed. */
  authenticate(integrasjonId: string, passord: string): { orgnr: string; fiksOrgIds: ReadonlySet<string> } | undefined {
    const found = this.integrations.get(integrasjonId);
    // Hash both sides so the comparison is constant-time whatever the lengths.
    const ok = found !== undefined && timingSafeEqual(found.passordHash, hash(passord));
    return ok ? { orgnr: found.orgnr, fiksOrgIds: found.fiksOrgIds } : undefined;
  }
}

function validate(input: IntegrationRegistration): void {
  const raw = input as unknown as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof raw['integrasjonId'] !== 'string' || raw['integrasjonId'] === '')
    problems.push('integrasjonId must be a non-empty string');
  if (typeof raw['passord'] !== 'string' || raw['passord'] === '') problems.push('passord must be a non-empty string');
  if (!isOrgnr(raw['orgnr'])) problems.push('orgnr must be 9 digits');
  const ids = raw['fiksOrgIds'];
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && id !== '')) {
    problems.push('fiksOrgIds must be an array of strings');
  }
  if (problems.length > 0) throw new TypeError(`invalid integration registration: ${problems.join('; ')}`);
}

function hash(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

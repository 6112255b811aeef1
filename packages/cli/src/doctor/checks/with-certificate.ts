/** The certificate steps (3–6) need a loaded key; a registered key (kid) has no certificate to check. */

import type { CertificateInfo } from '@kjoretoyregister/core';
import { noKey, ok, type CheckResult, type DoctorState } from '../step.js';

export function withCertificate(
  state: Readonly<Pick<DoctorState, 'key' | 'keyFailure'>>,
  check: (certificate: CertificateInfo) => CheckResult,
): CheckResult {
  if (!state.key) return noKey(state);
  const certificate = state.key.mode === 'kid' ? undefined : state.key.certificate;
  if (!certificate) return ok('registered key (kid): no certificate involved');
  return check(certificate);
}

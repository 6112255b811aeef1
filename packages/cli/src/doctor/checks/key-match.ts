/** Step 3: the private key belongs to the certificate. */

import { describeKeyIssues } from '../certificate.js';
import { failed, ok, type DoctorStep } from '../step.js';
import { withCertificate } from './with-certificate.js';

export const keyMatchStep: DoctorStep<'key' | 'keyFailure'> = {
  name: 'Key matches certificate',
  async run(_input, state) {
    const matches = ok('the private key matches the certificate');
    if (state.keyFailure?.kind === 'mismatch') {
      return {
        result: failed(
          'MASKINPORTEN_KEY is not the private key of MASKINPORTEN_CERT (or the .p12 holds a key without its certificate): take both from the same virksomhetssertifikat',
          describeKeyIssues(state.keyFailure.error),
        ),
      };
    }
    // Core checks the dates after the match, so a date failure means the key did match.
    if (state.keyFailure?.kind === 'validity') return { result: matches };
    return { result: withCertificate(state, () => matches) };
  },
};

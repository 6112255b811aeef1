/** Step 4: the certificate is within its validity dates. */

import { describeKeyIssues, validityText } from '../certificate.js';
import { failed, ok, type DoctorStep } from '../step.js';
import { withCertificate } from './with-certificate.js';

export const certificateValidityStep: DoctorStep<'key' | 'keyFailure'> = {
  name: 'Certificate validity dates',
  async run(input, state) {
    if (state.keyFailure?.kind === 'validity') {
      const issues = describeKeyIssues(state.keyFailure.error);
      return {
        result: failed(
          /expired/i.test(issues)
            ? 'renew the virksomhetssertifikat with your CA (Buypass/Commfides) and point MASKINPORTEN_P12 or MASKINPORTEN_CERT at the new one'
            : 'the certificate is not valid yet: check the host clock (NTP) or wait for its start date',
          issues,
        ),
      };
    }
    const now = input.now ?? Date.now;
    return { result: withCertificate(state, (certificate) => ok(validityText(certificate, now()))) };
  },
};

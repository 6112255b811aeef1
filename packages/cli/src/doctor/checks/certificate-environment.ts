/** Step 6: a test CA's certificate with TEST, a production CA's with PROD. */

import { certificateEnvironment } from '../certificate.js';
import { failed, ok, type DoctorStep } from '../step.js';
import { withCertificate } from './with-certificate.js';

export const certificateEnvironmentStep: DoctorStep<'key' | 'keyFailure'> = {
  name: 'Certificate matches environment',
  async run(input, state) {
    const environment = input.env['KJORETOY_ENV']?.trim() || 'test';
    return {
      result: withCertificate(state, (certificate) => {
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
    };
  },
};

/** Step 5: the certificate carries an organisation number, i.e. it is a virksomhetssertifikat. */

import { failed, ok, type DoctorStep } from '../step.js';
import { withCertificate } from './with-certificate.js';

export const certificateOrganisationStep: DoctorStep<'key' | 'keyFailure'> = {
  name: 'Organisation number in certificate',
  async run(_input, state) {
    return {
      result: withCertificate(state, (certificate) =>
        certificate.organisationNumber
          ? ok(certificate.organisationNumber)
          : failed(
              'the certificate has no organisation number (subject serialNumber or organizationIdentifier NTRNO-…): it is not a virksomhetssertifikat, and Maskinporten will reject it',
            ),
      ),
    };
  },
};

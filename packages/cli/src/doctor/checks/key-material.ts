/**
 * Step 2: the key material loads. Core loads and checks it in one go; a failure past the reading
 * stage (key mismatch, validity dates) passes this step and is reported by the step it belongs to.
 */

import { classifyKeyFailure, describeKeyIssues } from '../certificate.js';
import { failed, ok, skipped, type DoctorStep } from '../step.js';

export const keyMaterialStep: DoctorStep<'client', 'key' | 'keyFailure'> = {
  name: 'Key material readable',
  async run(_input, { client }) {
    if (!client) return { result: skipped('the configuration is incomplete') };
    let key;
    try {
      key = await client.loadKeyMaterial();
    } catch (error) {
      const kind = classifyKeyFailure(error);
      const found = { keyFailure: { kind, error } };
      if (kind === 'unreadable') {
        return {
          result: failed(
            'check the path and password; the file must be the .p12/.pfx or PEM you received with the certificate',
            describeKeyIssues(error),
          ),
          found,
        };
      }
      return { result: ok('files read'), found };
    }
    return {
      result: ok(
        key.mode === 'kid' ? `registered key, kid ${key.kid}` : `certificate ${key.certificate?.subject ?? ''}`,
      ),
      found: { key },
    };
  },
};

/**
 * Step 8: the token has ks:fiks and names the expected consumer: `--expected-org`, else
 * MASKINPORTEN_CONSUMER_ORG, else the certificate's organisation.
 */

import { decodeAccessToken } from '@kjoretoyregister/core';
import { failed, ok, skipped, type DoctorStep } from '../step.js';

export const tokenConsumerStep: DoctorStep<'token' | 'key', 'consumerOrg'> = {
  name: 'Token consumer organisation',
  async run(input, state) {
    if (!state.token) return { result: skipped('no token') };
    const decoded = decodeAccessToken(state.token.value);
    const found = decoded.consumerOrg === undefined ? {} : { consumerOrg: decoded.consumerOrg };
    const scopes = String(decoded.scope ?? '').split(/\s+/);
    if (!scopes.includes('ks:fiks')) {
      return {
        result: failed(
          'the token has no ks:fiks scope: set MASKINPORTEN_SCOPE=ks:fiks (or unset it)',
          `scope ${scopes.join(' ')}`,
        ),
        found,
      };
    }
    if (!decoded.consumerOrg) {
      return {
        result: failed('the token has no consumer organisation; Fiks cannot match it to the integration'),
        found,
      };
    }
    const expected =
      input.expectedOrg ?? input.env['MASKINPORTEN_CONSUMER_ORG']?.trim() ?? state.key?.certificate?.organisationNumber;
    const consumer = `consumer 0192:${decoded.consumerOrg}`;
    if (!expected) {
      return {
        result: ok(`${consumer} (pass --expected-org with the integration's autorisert organisasjon to compare)`),
        found,
      };
    }
    if (expected !== decoded.consumerOrg) {
      return {
        result: failed(
          `the token's consumer is ${decoded.consumerOrg} but ${expected} is expected: Fiks requires the consumer to be the integration's autorisert organisasjon; a supplier acting for a municipality sets MASKINPORTEN_CONSUMER_ORG (with an Altinn delegation), anyone else uses that organisation's own certificate`,
          consumer,
        ),
        found,
      };
    }
    return { result: ok(`${consumer}, as expected`), found };
  },
};

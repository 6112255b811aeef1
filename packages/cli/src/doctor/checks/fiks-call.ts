/**
 * Step 9: one real Fiks call, core's not-found probe (`FIKS_PROBE`, docs/contract.md#s6): an
 * exact search, so no lookup quota is spent and the audited query holds no personal data. It is
 * audited as core's probe, under the user's audit flags where given.
 */

import { FIKS_PROBE, probeFiks, TransportError } from '@kjoretoyregister/core';
import { cliHint } from '../../hints.js';
import { describeError } from '../../io/render-error.js';
import { failed, ok, skipped, type DoctorStep } from '../step.js';

export const fiksCallStep: DoctorStep<'client' | 'token' | 'consumerOrg'> = {
  name: `Fiks call (sok/${FIKS_PROBE.endpoint}, not-found probe)`,
  async run(input, state) {
    if (!state.client || !state.token) return { result: skipped('no token') };
    const answer = await probeFiks(state.client, {
      signal: input.signal,
      ...(input.audit ? { audit: input.audit } : {}),
    });
    if (answer.ok) return { result: ok('Fiks answered; token, integration and access are in order') };
    const { error } = answer;
    const hint = cliHint(error, { target: 'fiks', ...(state.consumerOrg ? { consumerOrg: state.consumerOrg } : {}) });
    return {
      result: failed(
        hint ?? 'see the error text',
        error instanceof TransportError ? error.message : describeError(error),
      ),
    };
  },
};

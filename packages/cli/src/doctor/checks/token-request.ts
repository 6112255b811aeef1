/** Step 7: a real Maskinporten token request, each refusal explained by its MP code. */

import { KjoretoyregisterError, MaskinportenError, TransportError } from '@kjoretoyregister/core';
import { describeError } from '../../io/render-error.js';
import { cliHint, cliMaskinportenHint } from '../../hints.js';
import { failed, noKey, ok, type DoctorStep } from '../step.js';

export const tokenRequestStep: DoctorStep<'client' | 'key' | 'keyFailure', 'token'> = {
  name: 'Token request',
  async run(input, state) {
    if (!state.client || !state.key) return { result: noKey(state) };
    let token;
    try {
      token = await state.client.getAccessToken({ signal: input.signal });
    } catch (error) {
      if (error instanceof MaskinportenError) {
        const detail = [error.mpCode, error.errorDescription ?? error.message].filter(Boolean).join(' ');
        return { result: failed(cliMaskinportenHint(error), detail) };
      }
      if (error instanceof TransportError) {
        const hint = cliHint(error, { target: 'maskinporten' }) ?? 'see the error text';
        return { result: failed(hint, error.message) };
      }
      if (error instanceof KjoretoyregisterError)
        return { result: failed('see the error above', describeError(error)) };
      throw error;
    }
    return { result: ok(`token received, expires in ${token.expiresIn} s`), found: { token } };
  },
};

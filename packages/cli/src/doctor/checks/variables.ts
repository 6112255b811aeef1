/** Step 1: the configuration makes a client, and no URL points at the other environment. */

import { ConfigurationError, createKjoretoyregisterClient } from '@kjoretoyregister/core';
import { clientOptionsFrom } from '../../config.js';
import { hostEnvironment } from '../certificate.js';
import { failed, ok, type DoctorStep } from '../step.js';

export const variablesStep: DoctorStep<never, 'client'> = {
  name: 'Variables present and valid',
  async run(input) {
    let client;
    try {
      client = createKjoretoyregisterClient(clientOptionsFrom(input.env, { debug: input.debug }));
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      const problems = error.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
      return {
        result: failed('set the variables in the environment, a .env file or as flags (see kjoretoy --help)', problems),
      };
    }
    const { config } = client;
    for (const [name, url] of [
      ['FIKS_API_URL', config.fiksApiUrl],
      ['MASKINPORTEN_TOKEN_URL', config.maskinportenTokenUrl],
    ] as const) {
      const host = hostEnvironment(url);
      if (host && host !== config.environment) {
        // The client is valid, so the later steps still run and show what else is wrong.
        return {
          result: failed(
            `${name} points at ${host.toUpperCase()} while KJORETOY_ENV=${config.environment}: TEST and PROD share nothing; unset ${name} and let KJORETOY_ENV choose`,
          ),
          found: { client },
        };
      }
    }
    return {
      result: ok(
        `KJORETOY_ENV=${config.environment}, Fiks ${config.fiksApiUrl}, Maskinporten ${config.maskinportenTokenUrl}`,
      ),
      found: { client },
    };
  },
};

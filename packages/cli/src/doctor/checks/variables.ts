/** Step 1: the configuration makes a client (core also refuses a URL of the other environment). */

import { ConfigurationError, createKjoretoyregisterClient } from '@kjoretoyregister/core';
import { clientOptionsFrom } from '../../config.js';
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
    // A URL of the other environment is core's ConfigurationError above (configFromEnv names both variables).
    const { config } = client;
    return {
      result: ok(
        `KJORETOY_ENV=${config.environment}, Fiks ${config.fiksApiUrl}, Maskinporten ${config.maskinportenTokenUrl}`,
      ),
      found: { client },
    };
  },
};

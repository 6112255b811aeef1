/**
 * The credential's declarative test (`ICredentialType.test`): n8n sends core's Fiks probe (an exact
 * `sok/kjennemerke` search for the never-issued plate, which spends no lookup quota and whose
 * audited query holds no personal data) through the credential, so `preAuthentication` fetches a
 * Maskinporten token first (n8n always does when testing) and `authenticate` adds the token and the
 * integration headers. A token-step failure is the TokenFailure's message (the MP code and what to
 * do); a Fiks status is one of the rules below, worded by core's hints (`kjoretoy doctor`'s texts).
 *
 * Why declarative: ICredentialTestFunctions offers only the deprecated `helpers.request`, which the
 * n8n verification scanner rejects. What that costs: n8n 2.8's NodeApiError drops its axios cause,
 * so there n8n shows its generic text for a Fiks status ("Authorization failed - please check your
 * credentials"); the rules' messages appear from the n8n versions that keep it (2.41 does).
 */

import type { IAuthenticateRuleResponseCode, ICredentialTestRequest } from 'n8n-workflow';
import {
  FiksAuthenticationError,
  ForbiddenError,
  PRESETS,
  RateLimitError,
  UpstreamError,
  FIKS_PROBE,
  fiksProbeUrl,
  hintFor,
  type FieldNames,
} from '@kjoretoyregister/core/host';

/** A stand-in organisation id, replaced in the expression by the credential's own. */
const ORG_PLACEHOLDER = 'fiks-org-id';

/**
 * An n8n expression for `fiksProbeUrl` of the credential: the host from core's PRESETS (or the
 * custom Fiks API URL, trailing slashes dropped as core does), the route and query from core's
 * own builder. Nothing of the URL is written here, so it cannot drift from what the client sends.
 */
export function probeUrlExpression(): string {
  const [beforeOrg, afterOrg, ...rest] = fiksProbeUrl({ fiksApiUrl: '', fiksOrgId: ORG_PLACEHOLDER }).split(
    ORG_PLACEHOLDER,
  );
  if (afterOrg === undefined || rest.length > 0) throw new Error('fiksProbeUrl has no single organisation segment');
  const host = (environment: 'test' | 'prod') => JSON.stringify(PRESETS[environment].fiksApiUrl.replace(/\/+$/, ''));
  const custom = `String($credentials.fiksApiUrl ?? '').trim().replace(/\\/+$/, '')`;
  const preset = `($credentials.environment === 'prod' ? ${host('prod')} : ${host('test')})`;
  const org = `encodeURIComponent(String($credentials.fiksOrgId ?? '').trim())`;
  return `={{ ($credentials.environment === 'custom' ? ${custom} : ${preset}) + ${JSON.stringify(beforeOrg)} + ${org} + ${JSON.stringify(afterOrg)} }}`;
}

const PROBE = `The test search (sok/${FIKS_PROBE.endpoint})`;

function rule(status: number, message: string): IAuthenticateRuleResponseCode {
  return { type: 'responseCode', properties: { value: status, message } };
}

/** `names`: the credential form's labels (field-names.ts), so each hint names the form's own fields. */
export function credentialTestRequest(names: FieldNames): ICredentialTestRequest {
  const hint = (error: unknown): string => hintFor(error, names) ?? 'check the credential';
  // n8n answers a 401 by fetching a new token and sending the probe once more: a 401 that comes
  // back is not a stale token, so the integration checks come first.
  const integration = hint(new FiksAuthenticationError(PROBE, { kind: 'integration' }));
  const token = hint(new FiksAuthenticationError(PROBE, { kind: 'token' }));
  const search = (status: number) => hint(new ForbiddenError(PROBE, { searchEndpoint: FIKS_PROBE.endpoint, status }));
  const upstream = (status: number) =>
    rule(status, `${PROBE} answered HTTP ${status}. What to do: ${hint(new UpstreamError(PROBE, { status }))}.`);
  return {
    request: { method: 'GET', url: probeUrlExpression() },
    rules: [
      rule(
        401,
        `${PROBE} answered HTTP 401, with a fresh token. What to do: ${integration}. Less likely, the token: ${token}.`,
      ),
      rule(403, `${PROBE} answered HTTP 403. What to do: ${search(403)}.`),
      rule(
        404,
        `${PROBE} answered HTTP 404: taken to mean it is not available through Fiks for this integration (an assumption, docs/contract.md#s7h). What to do: ${search(404)}.`,
      ),
      rule(429, `${PROBE} answered HTTP 429. What to do: ${hint(new RateLimitError(PROBE))}.`),
      upstream(500),
      upstream(502),
      upstream(503),
      upstream(504),
    ],
  };
}

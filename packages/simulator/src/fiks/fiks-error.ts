import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { jsonResponse, type SimResponse } from '../http/sim-response.js';

/** docs/contract.md#s3.5 / docs/contract.md#s7i: the 401 text that means "get a new token and retry once". */
export const TOKEN_REJECTED_MESSAGE = 'Klarte ikke å validere access_token';

export function integrationRejectedMessage(integrasjonId: string): string {
  return `Autentisering feilet for integrasjon med id ${integrasjonId}`;
}

/** Deliberately vague, like the 401s: which of "not granted / not activated / wrong org" is not said. */
export const FORBIDDEN_MESSAGE = 'Integrasjonen har ikke tilgang til tjenesten for denne organisasjonen';

export const RATE_LIMITED_MESSAGE = 'For mange forespørsler. Prøv igjen senere';

/** The Fiks error JSON "De fleste API-ene" use (docs/contract.md#s3.5). */
export function fiksError(
  status: number,
  path: string,
  message: string,
  nowMs: number,
  headers: Record<string, string> = {},
): SimResponse {
  return jsonResponse(
    status,
    {
      timestamp: nowMs,
      status,
      error: STATUS_CODES[status] ?? 'Error',
      errorId: randomUUID(),
      path,
      message,
    },
    headers,
  );
}

import { FIKS_TOKEN_REJECTED_TEXT } from '../../src/contract/assumptions.js';
import { FiksAuthenticationError } from '../../src/errors.js';
import { errorFromFiksResponse, isTokenRejection } from '../../src/transport/error-factory.js';

// docs/contract.md#s3.5 / CONTRACT-ASSUMPTION (i): the token-rejected text decides a 401.
const fiksBody = (message: string) =>
  JSON.stringify({ timestamp: 1, status: 401, error: 'Unauthorized', errorId: 'e-1', message });

describe('isTokenRejection', () => {
  it('recognises a 401 whose JSON message holds the token-rejected text', () => {
    expect(isTokenRejection({ status: 401, body: fiksBody(FIKS_TOKEN_REJECTED_TEXT) })).toBe(true);
  });

  it('recognises the text in a plain-text 401 body', () => {
    expect(isTokenRejection({ status: 401, body: `Unauthorized: ${FIKS_TOKEN_REJECTED_TEXT}` })).toBe(true);
  });

  it('recognises the text when the JSON escapes the å', () => {
    const escaped = fiksBody(FIKS_TOKEN_REJECTED_TEXT).replace('å', '\\u00e5');
    expect(escaped).not.toContain(FIKS_TOKEN_REJECTED_TEXT);
    expect(isTokenRejection({ status: 401, body: escaped })).toBe(true);
  });

  it('treats any other 401 as not a token rejection (the integration is the problem)', () => {
    expect(isTokenRejection({ status: 401, body: fiksBody('Autentisering feilet for integrasjon med id x') })).toBe(
      false,
    );
    expect(isTokenRejection({ status: 401, body: '' })).toBe(false);
  });

  it('is false for a status other than 401, whatever the body says', () => {
    expect(isTokenRejection({ status: 403, body: fiksBody(FIKS_TOKEN_REJECTED_TEXT) })).toBe(false);
    expect(isTokenRejection({ status: 200, body: FIKS_TOKEN_REJECTED_TEXT })).toBe(false);
  });

  it('decides the kind of the error factory’s FiksAuthenticationError', () => {
    const context = { requestId: 'r-1', clock: { now: () => 0 } };
    const escaped = fiksBody(FIKS_TOKEN_REJECTED_TEXT).replace('å', '\\u00e5');
    const token = errorFromFiksResponse({ status: 401, headers: {}, body: escaped }, context);
    const integration = errorFromFiksResponse({ status: 401, headers: {}, body: fiksBody('nope') }, context);
    expect(token).toBeInstanceOf(FiksAuthenticationError);
    expect(token).toMatchObject({ code: 'KJR_FIKS_AUTHENTICATION', kind: 'token' });
    expect(integration).toMatchObject({ code: 'KJR_FIKS_AUTHENTICATION', kind: 'integration' });
  });
});

import { randomUUID } from 'node:crypto';
import { jsonResponse, type SimResponse } from '../http/sim-response.js';

/**
 * A refused token request: the OAuth `error`, the MP code where Digdir documents one, and the
 * documented text (docs/contract.md#s2.7). Statuses follow the table's "likely HTTP" column.
 */
export class GrantRejection extends Error {
  override readonly name = 'GrantRejection';

  constructor(
    readonly status: number,
    readonly error: string,
    readonly text: string,
    readonly mpCode?: string,
  ) {
    super(mpCode ? `${text} (${mpCode})` : text);
  }

  /** Stats key: the MP code when there is one, else the OAuth error. */
  get statsKey(): string {
    return this.mpCode ?? this.error;
  }

  /**
   * `error_description` carries the MP code and a correlation id, the way Maskinporten's
   * descriptions do; clients must find the code with /MP-\d{3}/ (CONTRACT-ASSUMPTION (j), docs/contract.md#s7j).
   */
  toResponse(): SimResponse {
    return jsonResponse(
      this.status,
      { error: this.error, error_description: `${this.message} (correlation id: ${randomUUID()})` },
      { 'cache-control': 'no-store' },
    );
  }
}

const CLIENT_AUTH_FAILED = 'Invalid assertion. Client authentication failed.';

/** One factory per documented failure (docs/contract.md#s2.7), so texts live in one place. */
export const reject = {
  wrongContentType: () =>
    new GrantRejection(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded'),
  missingParameter: (name: string) => new GrantRejection(400, 'invalid_request', `Missing required parameter: ${name}`),
  repeatedParameter: (name: string) =>
    new GrantRejection(400, 'invalid_request', `Parameter included more than once: ${name}`),
  unsupportedGrantType: () => new GrantRejection(400, 'unsupported_grant_type', 'Unsupported grant_type'),
  malformed: (detail: string) =>
    new GrantRejection(400, 'invalid_request', `Invalid assertion. Invalid parameter value: ${detail}`, 'MP-011'),
  unsupportedAlgorithm: () =>
    new GrantRejection(400, 'invalid_grant', 'Invalid JWT signature. Supported alg: RS256, RS384, RS512', 'MP-124'),
  noKeyReference: () =>
    new GrantRejection(400, 'invalid_grant', `${CLIENT_AUTH_FAILED} The JWT header must contain x5c or kid`),
  unknownClient: () => new GrantRejection(400, 'invalid_grant', `${CLIENT_AUTH_FAILED} Client not found`, 'MP-100'),
  invalidX5c: () => new GrantRejection(400, 'invalid_grant', 'Invalid JWT header x5c', 'MP-123'),
  untrustedCertificate: () =>
    new GrantRejection(
      400,
      'invalid_grant',
      `${CLIENT_AUTH_FAILED} The JWT is signed with an invalid certificate.`,
      'MP-120',
    ),
  unknownKid: () =>
    new GrantRejection(
      400,
      'invalid_grant',
      `${CLIENT_AUTH_FAILED} No key registered on the client with the given kid`,
    ),
  expiredKey: () => new GrantRejection(400, 'invalid_grant', `${CLIENT_AUTH_FAILED} Expired key`, 'MP-121'),
  badSignature: () => new GrantRejection(400, 'invalid_grant', 'Invalid JWT signature', 'MP-124'),
  orgnrMismatch: () =>
    new GrantRejection(
      400,
      'invalid_grant',
      'Invalid organization number for client. Does not match certificate orgno',
      'MP-122',
    ),
  wrongAudience: () =>
    new GrantRejection(400, 'invalid_grant', `${CLIENT_AUTH_FAILED} Invalid JWT claim aud`, 'MP-110'),
  extraClaim: (claim: string) =>
    new GrantRejection(400, 'invalid_request', `Invalid assertion. Claim not allowed: ${claim}`),
  lifetimeTooLong: () =>
    new GrantRejection(400, 'invalid_grant', 'Invalid assertion. Maximum 120 seconds allowed (exp - iat <= 120)'),
  issuedInFuture: () => new GrantRejection(400, 'invalid_grant', 'Issue time is after now'),
  expired: () => new GrantRejection(400, 'invalid_grant', 'JWT is expired', 'MP-130'),
  replayed: () => new GrantRejection(400, 'invalid_grant', 'Grant is used before', 'MP-012'),
  scopeNotAllowed: () =>
    new GrantRejection(400, 'invalid_scope', 'Token request contains invalid scopes for client', 'MP-200'),
  consumerOrgIsOwnOrg: () =>
    new GrantRejection(
      400,
      'invalid_request',
      'The combination consumer_org in claim and delegation scope on client is invalid',
    ),
  notDelegated: (consumerOrg: string, scope: string, supplierOrg: string) =>
    new GrantRejection(
      403,
      'access_denied',
      `Consumer ${consumerOrg} has not delegated access to the scope ${scope} to supplier ${supplierOrg}`,
      'MP-251',
    ),
  temporarilyUnavailable: () =>
    new GrantRejection(503, 'temporarily_unavailable', 'The token endpoint is temporarily unavailable'),
} as const;

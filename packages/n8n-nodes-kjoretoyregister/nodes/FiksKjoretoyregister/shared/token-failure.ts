/**
 * The credential's token step fails inside n8n's `preAuthentication`, which n8n wraps in a
 * NodeApiError before our node sees it, so the error is recognised by shape, not class: it carries
 * a plain description that the node turns back into a core error.
 *
 * n8n-workflow 2.8's NodeApiError drops an Error `cause` (a class field overwrites it) but keeps
 * the wrapped error's `message` and `description`. So the message says what failed and what to
 * do (the credential test shows it verbatim), and `description` carries the detail as a marker
 * plus JSON for the node to read back. No `code`/`status` property: n8n would show those instead.
 */

import {
  ConfigurationError,
  MaskinportenError,
  TransportError,
  hintFor,
  isKjoretoyregisterError,
  maskinportenHint,
  type ConfigurationIssue,
  type KjoretoyregisterError,
  type TransportFailure,
} from '@kjoretoyregister/core/host';
import { describeIssues, type NodeFieldNames } from './field-names.js';

export const TOKEN_FAILURE_NAME = 'FiksKjoretoyregisterTokenError';
/** Prefix of `description`; what follows is the TokenFailureDetail as JSON. */
export const TOKEN_FAILURE_MARKER = '[fiks-kjoretoyregister-token-failure]';

export interface TokenFailureDetail {
  kind: 'maskinporten' | 'transport' | 'configuration' | 'other';
  summary: string;
  hint: string;
  httpStatus?: number;
  oauthError?: string;
  errorDescription?: string;
  mpCode?: string;
  failure?: TransportFailure;
  retryable?: boolean;
  issues?: ConfigurationIssue[];
}

export class TokenFailure extends Error {
  readonly tokenFailure: TokenFailureDetail;
  readonly description: string;

  constructor(detail: TokenFailureDetail) {
    super(`${detail.summary}. What to do: ${detail.hint}`);
    this.name = TOKEN_FAILURE_NAME;
    this.tokenFailure = detail;
    this.description = `${TOKEN_FAILURE_MARKER}${JSON.stringify(detail)}`;
  }

  /** `names`: the credential form's labels, for the hint and the issues (field-names.ts). */
  static from(error: unknown, names: NodeFieldNames): TokenFailure {
    if (error instanceof TokenFailure) return error;
    if (!isKjoretoyregisterError(error)) {
      return new TokenFailure({
        kind: 'other',
        summary: 'The Maskinporten token request failed unexpectedly',
        hint: 'check the credential and try again',
      });
    }
    switch (error.code) {
      case 'KJR_MASKINPORTEN': {
        const what = [error.mpCode, error.errorDescription].filter(Boolean).join(' ');
        return new TokenFailure({
          kind: 'maskinporten',
          summary: `Maskinporten refused the token request${error.status ? ` (HTTP ${error.status})` : ''}${what ? `: ${what}` : ''}`,
          hint: maskinportenHint(error, names.fieldNames),
          httpStatus: error.status,
          oauthError: error.error,
          errorDescription: error.errorDescription,
          mpCode: error.mpCode,
          retryable: error.retryable,
        });
      }
      case 'KJR_TRANSPORT':
        return new TokenFailure({
          kind: 'transport',
          summary: `Maskinporten could not be reached (${error.failure})`,
          hint:
            hintFor(error, names.fieldNames, { target: 'maskinporten' }) ??
            'check the Maskinporten Token URL and the network',
          failure: error.failure,
        });
      case 'KJR_CONFIGURATION':
        return new TokenFailure({
          kind: 'configuration',
          summary: `The credential is incomplete or wrong: ${describeIssues(error.issues, names)}`,
          hint: 'fix the named fields of the Fiks Kjøretøyregister API credential',
          issues: error.issues,
        });
      default:
        return new TokenFailure({
          kind: 'other',
          summary: `The Maskinporten token request failed (${error.code})`,
          hint: hintFor(error, names.fieldNames) ?? 'check the credential and try again',
        });
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fromDescription(description: unknown): TokenFailureDetail | undefined {
  if (typeof description !== 'string' || !description.startsWith(TOKEN_FAILURE_MARKER)) return undefined;
  try {
    const detail: unknown = JSON.parse(description.slice(TOKEN_FAILURE_MARKER.length));
    return isRecord(detail) && typeof detail['summary'] === 'string'
      ? (detail as unknown as TokenFailureDetail)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The token failure in a thrown error, recognised by shape, not class: the TokenFailure itself,
 * or n8n's NodeApiError around it (by its `description`), a few `cause` levels down.
 */
export function findTokenFailure(error: unknown): TokenFailureDetail | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && isRecord(current); depth++) {
    const detail = current['tokenFailure'];
    if (current['name'] === TOKEN_FAILURE_NAME && isRecord(detail) && typeof detail['summary'] === 'string') {
      return detail as unknown as TokenFailureDetail;
    }
    const described = fromDescription(current['description']);
    if (described) return described;
    current = current['cause'];
  }
  return undefined;
}

/** The node side: this bundle's own core error for a token failure, so core's pipeline handles it like its own. */
export function toCoreError(detail: TokenFailureDetail): KjoretoyregisterError {
  switch (detail.kind) {
    case 'maskinporten':
      return new MaskinportenError(detail.summary, {
        status: detail.httpStatus,
        error: detail.oauthError,
        errorDescription: detail.errorDescription,
        mpCode: detail.mpCode,
        retryable: detail.retryable ?? false,
      });
    case 'transport':
      return new TransportError(detail.summary, { failure: detail.failure ?? 'network' });
    case 'configuration':
      return new ConfigurationError(detail.issues ?? [{ path: 'credential', message: detail.summary }]);
    default:
      return new MaskinportenError(detail.summary, { retryable: false });
  }
}

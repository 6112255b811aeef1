/**
 * Core errors → n8n errors (adapters keep core's classes and at most map them).
 * Problems with the input or the setup become NodeOperationError; answers from Fiks, SVV or
 * Maskinporten become NodeApiError. Messages never carry identifiers: core's messages name the
 * field and position, and upstream bodies stay out of them (docs/contract.md#s9.11).
 */

import {
  NodeApiError,
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type JsonObject,
} from 'n8n-workflow';
import { hintFor, isKjoretoyregisterError, type AnyKjoretoyregisterError } from '@kjoretoyregister/core/host';
import { formFieldNames } from '../../../../credentials/FiksKjoretoyregisterApi.credentials.js';
import { describeIssues } from '../../shared/field-names.js';

/** Core's hints and issues name fields as the credential form and the Audit fields label them. */
export const FIELD_NAMES = formFieldNames();

export type FailureStatus = 'invalid' | 'error';

export interface Failure {
  status: FailureStatus;
  message: string;
  description?: string;
  code?: string;
  httpStatus?: number;
}

const OPERATION_ERROR_CODES = new Set(['KJR_CONFIGURATION', 'KJR_VALIDATION', 'KJR_AUDIT_CONTEXT_REQUIRED']);

function messageOf(error: AnyKjoretoyregisterError): string {
  switch (error.code) {
    case 'KJR_CONFIGURATION':
      return `The credential or node settings are wrong: ${describeIssues(error.issues, FIELD_NAMES)}`;
    case 'KJR_QUOTA_EXCEEDED':
      return 'The lookup quota is exhausted (HTTP 422): the register accepts no more lookups for this integration today';
    default:
      return error.message;
  }
}

/** How to read an error: `wasSent` tells whether a request with a given id left n8n. */
export interface DescribeOptions {
  wasSent?: (requestId: string) => boolean;
}

/**
 * Core gives a call its request id before its token step; when that step fails nothing reaches
 * Fiks, and an id support cannot find would only mislead. Without `wasSent` (no transport, e.g.
 * the credential test) the id is quoted as core gave it.
 */
function supportIds(error: AnyKjoretoyregisterError, options: DescribeOptions): string | undefined {
  const requestId =
    error.requestId !== undefined && (options.wasSent === undefined || options.wasSent(error.requestId))
      ? error.requestId
      : undefined;
  const ids = [
    requestId && `requestId ${requestId}`,
    error.errorId && `errorId ${error.errorId}`,
    error.svvguid && `svvguid ${error.svvguid}`,
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(', ') : undefined;
}

/** What only n8n can add to core's hint (a lower-case phrase): its own settings. */
function n8nAdvice(error: AnyKjoretoyregisterError): string | undefined {
  switch (error.code) {
    case 'KJR_QUOTA_EXCEEDED':
      return 'turn off Retry On Fail for this node, so that n8n does not retry it either';
    default:
      return undefined;
  }
}

/** What went wrong and what to do, for an error item or a thrown node error. */
export function describeFailure(
  error: unknown,
  status: FailureStatus = 'error',
  options: DescribeOptions = {},
): Failure {
  if (!isKjoretoyregisterError(error)) {
    const message = error instanceof Error ? error.message : 'Unexpected failure';
    return { status, message };
  }
  const hint = [hintFor(error, FIELD_NAMES.fieldNames), n8nAdvice(error)].filter(Boolean).join('; ');
  const ids = supportIds(error, options);
  const description = [hint && `What to do: ${hint}.`, ids && `For support: ${ids}.`].filter(Boolean).join(' ');
  return {
    status: error.code === 'KJR_VALIDATION' ? 'invalid' : status,
    message: messageOf(error),
    ...(description ? { description } : {}),
    code: error.code,
    ...(error.status === undefined ? {} : { httpStatus: error.status }),
  };
}

/** `continueOnFail`: the failed input's own item, paired to it, with `status` like every other item. */
export function failureItem(failure: Failure, itemIndex: number, extra: IDataObject = {}): INodeExecutionData {
  return {
    json: {
      status: failure.status,
      ...extra,
      error: failure.message,
      ...(failure.description ? { hint: failure.description } : {}),
      ...(failure.code ? { code: failure.code } : {}),
      // The HTTP status the failure rests on (e.g. the 404 of a search read under docs/contract.md#s7h).
      ...(failure.httpStatus === undefined ? {} : { httpStatus: failure.httpStatus }),
    },
    pairedItem: { item: itemIndex },
  };
}

/** The error to throw when `continueOnFail` is off, tied to the item that failed. */
export function toNodeError(
  context: IExecuteFunctions,
  failure: Failure,
  itemIndex: number,
  cause?: unknown,
): NodeApiError | NodeOperationError {
  if (cause instanceof NodeApiError || cause instanceof NodeOperationError) return cause;
  const options = {
    itemIndex,
    message: failure.message,
    ...(failure.description ? { description: failure.description } : {}),
  };
  if (failure.code === undefined || OPERATION_ERROR_CODES.has(failure.code)) {
    // Errors of n8n itself (e.g. an expression that failed) keep their own message.
    const base = failure.code === undefined && cause instanceof Error ? cause : failure.message;
    return new NodeOperationError(context.getNode(), base, options);
  }
  const response: JsonObject = { message: failure.message, code: failure.code };
  return new NodeApiError(context.getNode(), response, {
    ...options,
    ...(failure.httpStatus === undefined ? {} : { httpCode: String(failure.httpStatus) }),
  });
}

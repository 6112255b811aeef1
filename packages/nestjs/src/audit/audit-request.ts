import type { AuditContext } from '@kjoretoyregister/core';
import type { AuditRequestOptions } from '../kjoretoyregister-module-options.interface.js';

// The route's declaration lives here, not beside the decorator: the decorator imports the
// interceptor, which reads requests with this file, so a type import back would close a cycle.
/** What a route declares about the lookups it makes; the actor and case come from the request. */
export interface KjoretoyregisterAuditOptions {
  /** Why, e.g. `HENSATT_KJORETOY`. */
  purpose: string;
  /** Legal basis, e.g. `vegtrafikkloven § 37`. */
  legalBasis: string;
  /** Route parameter with the case reference; overrides the module's `auditRequest.caseRefParam`. */
  caseRefParam?: string;
  /** Header with the case reference; overrides the module's `auditRequest.caseRefHeader`. */
  caseRefHeader?: string;
}

const DEFAULT_CASE_REF_PARAM = 'caseRef';
const DEFAULT_CASE_REF_HEADER = 'x-case-ref';

/** The parts of an Express or Fastify request the audit context is read from. */
export interface AuditableRequest {
  user?: unknown;
  params?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
}

const ACTOR_FIELDS = ['id', 'sub', 'username', 'userId'] as const;

/** A string user as is, else its first string or number id field. */
export function defaultActorOf(user: unknown): string | undefined {
  if (typeof user === 'string') return nonBlank(user);
  if (!user || typeof user !== 'object') return undefined;
  for (const field of ACTOR_FIELDS) {
    const value = (user as Record<string, unknown>)[field];
    if (typeof value === 'string' && nonBlank(value)) return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** Builds the context a route's lookups are recorded under; absent parts stay undefined so core can report them. */
export function auditContextFromRequest(
  request: AuditableRequest,
  route: KjoretoyregisterAuditOptions,
  module: AuditRequestOptions = {},
): Partial<AuditContext> {
  const actorOf = module.actorOf ?? defaultActorOf;
  const param = route.caseRefParam ?? module.caseRefParam ?? DEFAULT_CASE_REF_PARAM;
  const header = (route.caseRefHeader ?? module.caseRefHeader ?? DEFAULT_CASE_REF_HEADER).toLowerCase();
  const fromParam = request.params?.[param];
  const fromHeader = request.headers?.[header];
  const caseRef =
    typeof fromParam === 'string' && nonBlank(fromParam)
      ? fromParam
      : nonBlank(Array.isArray(fromHeader) ? fromHeader[0] : fromHeader);
  const context: Partial<AuditContext> = { purpose: route.purpose, legalBasis: route.legalBasis };
  const actor = actorOf(request.user);
  if (actor !== undefined) context.actor = actor;
  if (caseRef !== undefined) context.caseRef = caseRef;
  return context;
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

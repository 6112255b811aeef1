/**
 * The seven `sok/*` endpoints' parameters (docs/contract.md#s4.3), with the exact wire names. The spec
 * declares no types, so the types come from its examples; validation is strict about names
 * (a typo would silently widen a search) and loose about values SVV itself judges.
 */

import { z } from 'zod';
import {
  isValidKjennemerkePattern,
  isValidUnderstellsnummerPattern,
  normaliseKjennemerkePattern,
  normaliseUnderstellsnummerPattern,
} from '../contract/normalise.js';
import { ValidationError, type ValidationIssue } from '../errors.js';

export interface SokPaging {
  /** 1-based first row (docs/contract.md#s4.5). */
  fra?: number;
  /** Rows per page; always sent, defaulting to the client's page size (CONTRACT-ASSUMPTION (g)). */
  antall?: number;
}

export type Eiertype = 'PERSON' | 'ORGANISASJON' | 'BEGGE';

export interface SokParams {
  /** S1: up to three `?` wildcards (docs/contract.md#s4.4). */
  kjennemerke: { kjennemerke: string; ekskluderVraketUtfort?: boolean } & SokPaging;
  /** S2: `*` prefix and/or suffix wildcard. */
  understellsnummer: { understellsnummer: string; merkekode?: string; ekskluderVraketUtfort?: boolean } & SokPaging;
  fodselsnummer: { fodselsnummer: string; ekskluderVraketUtfort?: boolean } & SokPaging;
  organisasjonsnummer: { organisasjonsnummer: string; ekskluderVraketUtfort?: boolean } & SokPaging;
  kundeid: { kundeid: string; ekskluderVraketUtfort?: boolean } & SokPaging;
  /** S6, the one search KS documents. `fodselsdato` is `YYYY-MM-DD`. */
  eiernavn: {
    navn: string;
    postnummer?: string;
    poststed?: string;
    fylke?: string;
    fodselsdato?: string;
    erPerson?: boolean;
  } & SokPaging;
  /** S7 customers; no paging. `fodselsdato` is a date or a birth year. */
  kunde: {
    eiertype: Eiertype;
    navn?: string;
    fornavn?: string;
    mellomnavn?: string;
    etternavn?: string;
    fodselsdato?: string;
    fonetisk?: boolean;
    kjonn?: 'M' | 'K';
    fylke?: string;
    kommune?: string;
    postnummer?: string;
    poststed?: string;
  };
}

export type SokEndpoint = keyof SokParams;
export type PagedSokEndpoint = Exclude<SokEndpoint, 'kunde'>;

export const SOK_ENDPOINTS: readonly SokEndpoint[] = [
  'kjennemerke',
  'understellsnummer',
  'fodselsnummer',
  'organisasjonsnummer',
  'kundeid',
  'eiernavn',
  'kunde',
];

/** The parameter that names what is searched for, recorded as the audit identifier. */
export const SOK_IDENTIFIER_PARAM: Readonly<Record<SokEndpoint, string | undefined>> = {
  kjennemerke: 'kjennemerke',
  understellsnummer: 'understellsnummer',
  fodselsnummer: 'fodselsnummer',
  organisasjonsnummer: 'organisasjonsnummer',
  kundeid: 'kundeid',
  eiernavn: 'navn',
  kunde: undefined,
};

const text = z.string().trim().min(1, 'must not be empty');
const digits = (count: string, pattern: RegExp) => z.string().trim().regex(pattern, `must be ${count} digits`);
const isoDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
const paging = {
  fra: z.number().int('must be an integer').min(1, 'must be 1 or more').optional(),
  antall: z.number().int('must be an integer').min(1, 'must be 1 or more').optional(),
};
const ekskluderVraketUtfort = z.boolean().optional();

const SCHEMAS: Record<SokEndpoint, z.ZodType<Record<string, unknown>>> = {
  kjennemerke: z.strictObject({
    kjennemerke: z
      .string()
      .refine(isValidKjennemerkePattern, 'must be 2–7 letters or digits with at most three ? wildcards')
      .transform(normaliseKjennemerkePattern),
    ekskluderVraketUtfort,
    ...paging,
  }),
  understellsnummer: z.strictObject({
    understellsnummer: z
      .string()
      .refine(isValidUnderstellsnummerPattern, 'must be 1–17 letters or digits with an optional * prefix and/or suffix')
      .transform(normaliseUnderstellsnummerPattern),
    merkekode: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{1,10}$/, 'must be a make code')
      .optional(),
    ekskluderVraketUtfort,
    ...paging,
  }),
  fodselsnummer: z.strictObject({ fodselsnummer: digits('11', /^\d{11}$/), ekskluderVraketUtfort, ...paging }),
  organisasjonsnummer: z.strictObject({
    organisasjonsnummer: digits('9', /^\d{9}$/),
    ekskluderVraketUtfort,
    ...paging,
  }),
  kundeid: z.strictObject({ kundeid: digits('1–20', /^\d{1,20}$/), ekskluderVraketUtfort, ...paging }),
  eiernavn: z.strictObject({
    navn: text,
    postnummer: digits('4', /^\d{4}$/).optional(),
    poststed: text.optional(),
    fylke: text.optional(),
    fodselsdato: isoDate.optional(),
    erPerson: z.boolean().optional(),
    ...paging,
  }),
  kunde: z.strictObject({
    eiertype: z.enum(['PERSON', 'ORGANISASJON', 'BEGGE'], { message: 'must be PERSON, ORGANISASJON or BEGGE' }),
    navn: text.optional(),
    fornavn: text.optional(),
    mellomnavn: text.optional(),
    etternavn: text.optional(),
    fodselsdato: z
      .string()
      .trim()
      .refine((v) => /^\d{4}$/.test(v) || isoDate.safeParse(v).success, 'must be a date YYYY-MM-DD or a year YYYY')
      .optional(),
    fonetisk: z.boolean().optional(),
    kjonn: z.enum(['M', 'K'], { message: 'must be M or K' }).optional(),
    fylke: text.optional(),
    kommune: text.optional(),
    postnummer: digits('4', /^\d{4}$/).optional(),
    poststed: text.optional(),
  }),
};

/**
 * docs/contract.md#s4.3 S7 rules that span fields; checked even when single fields fail, so every problem is listed.
 */
function kundeRuleIssues(params: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const has = (key: string): boolean => params[key] !== undefined;
  if (has('navn')) {
    for (const key of ['fornavn', 'mellomnavn', 'etternavn']) {
      if (has(key)) issues.push({ path: key, message: 'cannot be combined with navn' });
    }
  }
  if (has('fonetisk') && !has('navn')) issues.push({ path: 'fonetisk', message: 'is only allowed together with navn' });
  if (has('kjonn') && params['eiertype'] !== 'PERSON') {
    issues.push({ path: 'kjonn', message: 'is only allowed with eiertype PERSON' });
  }
  return issues;
}

type ZodIssueLike = { path: readonly PropertyKey[]; code: string; message: string; keys?: readonly string[] };

function toIssues(endpoint: SokEndpoint, issues: readonly ZodIssueLike[]): ValidationIssue[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ path: key, message: `is not a parameter of sok/${endpoint}` }))
      : [{ path: issue.path.map(String).join('.') || 'params', message: issue.message }],
  );
}

export function isSokEndpoint(value: unknown): value is SokEndpoint {
  return typeof value === 'string' && (SOK_ENDPOINTS as readonly string[]).includes(value);
}

/**
 * Validates and normalises the parameters of one search, listing every problem at once.
 * @returns the parameters as they will be sent (plates/VINs normalised, strings trimmed).
 * @throws ValidationError with one issue per problem; messages name parameters, never values.
 */
export function validateSokParams<E extends SokEndpoint>(endpoint: E, params: SokParams[E]): Record<string, unknown> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new ValidationError(`sok/${endpoint} parameters must be an object`, {
      issues: [{ path: 'params', message: 'must be an object' }],
    });
  }
  const raw = params as Record<string, unknown>;
  const parsed = SCHEMAS[endpoint].safeParse(raw);
  const issues = [
    ...(parsed.success ? [] : toIssues(endpoint, parsed.error.issues as readonly ZodIssueLike[])),
    ...(endpoint === 'kunde' ? kundeRuleIssues(raw) : []),
  ];
  if (issues.length > 0 || !parsed.success) {
    throw new ValidationError(
      `Invalid sok/${endpoint} parameters: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  return parsed.data;
}

/** Query strings for the pipeline to encode; booleans as `true`/`false` (docs/contract.md#s4.3). */
export function toQuery(values: Record<string, unknown>): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) query[key] = String(value);
  }
  return query;
}

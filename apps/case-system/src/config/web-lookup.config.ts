import { z } from 'zod';
import type { Role } from '../persistence/schema.js';
import { envBoolean, envInt, parseArea, type AreaResult, type Environment } from './env.js';

/**
 * The lookup page ("Oppslag"): which purposes (formål) and legal bases (hjemmel) a person may pick
 * before anything is sent to the register, whether free text is allowed beside the list, and who
 * may see a fødselsnummer. The defaults are the hensatt kjøretøy case, the same words the case
 * worker's lookups are audited with (`AUDIT_PURPOSE`, `AUDIT_LEGAL_BASIS`).
 */
export interface WebLookupConfig {
  purposes: string[];
  legalBases: string[];
  /** Offer "Annet" with a text field beside the configured purposes. */
  freeTextPurpose: boolean;
  freeTextLegalBasis: boolean;
  /** Roles that see an owner's fødselsnummer on the page; empty: nobody. */
  fodselsnummerRoles: Role[];
  /** Hits per page of the owner-name search (`antall`). */
  pageSize: number;
}

const DEFAULT_PURPOSES = ['HENSATT_KJORETOY'];
const DEFAULT_LEGAL_BASES = ['vegtrafikkloven § 37 / parkeringsforskriften § 38'];

/** `;`-separated: legal bases are full of spaces, commas and slashes, never semicolons. */
const list = z
  .string()
  .transform((value) =>
    value
      .split(';')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().max(200, 'each entry must be at most 200 characters'))
      .min(1, 'must list at least one entry, separated by ;'),
  );

const roles = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(['saksbehandler', 'admin'], 'must be a comma-separated list of saksbehandler and admin')));

const WebLookupEnvSchema = z.object({
  WEB_LOOKUP_PURPOSES: list.default(DEFAULT_PURPOSES),
  WEB_LOOKUP_LEGAL_BASES: list.default(DEFAULT_LEGAL_BASES),
  WEB_LOOKUP_FREE_TEXT_PURPOSE: envBoolean.default(false),
  WEB_LOOKUP_FREE_TEXT_LEGAL_BASIS: envBoolean.default(false),
  WEB_LOOKUP_FODSELSNUMMER_ROLES: roles.default([]),
  WEB_LOOKUP_PAGE_SIZE: envInt(1, 1000).default(20),
});

export function webLookupConfig(env: Environment): AreaResult<WebLookupConfig> {
  const parsed = parseArea(WebLookupEnvSchema, env);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      purposes: [...new Set(v.WEB_LOOKUP_PURPOSES)],
      legalBases: [...new Set(v.WEB_LOOKUP_LEGAL_BASES)],
      freeTextPurpose: v.WEB_LOOKUP_FREE_TEXT_PURPOSE,
      freeTextLegalBasis: v.WEB_LOOKUP_FREE_TEXT_LEGAL_BASIS,
      fodselsnummerRoles: [...new Set(v.WEB_LOOKUP_FODSELSNUMMER_ROLES)],
      pageSize: v.WEB_LOOKUP_PAGE_SIZE,
    },
  };
}

import { z } from 'zod';

/** One problem with one environment variable. Never carries the value: it may be a secret. */
export interface ConfigIssue {
  variable: string;
  message: string;
}

export type Environment = Record<string, string | undefined>;

export type AreaResult<T> =
  | { ok: true; value: T; /** Deprecated variables that are set. */ deprecations?: string[] }
  | { ok: false; issues: ConfigIssue[] };

/** `true`/`false`/`1`/`0`, case-insensitive; anything else is an error naming the variable. */
export const envBoolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0']))
  .transform((value) => value === 'true' || value === '1');

export const envInt = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);

/**
 * Parses one area's variables. Blank values count as unset, so `FOO=` in an env file falls back
 * to the default instead of failing as an empty string.
 */
export function parseArea<S extends z.ZodType>(schema: S, env: Environment): AreaResult<z.output<S>> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') present[name] = value;
  }
  const parsed = schema.safeParse(present);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({
      variable: issue.path.length > 0 ? String(issue.path[0]) : '(environment)',
      message: issue.message,
    })),
  };
}

/** An environment variable renamed before 0.2.0: `old` keeps working until then, with a warning. */
export interface RenamedVariable {
  old: string;
  current: string;
}

interface RenamesApplied {
  /** `env` with each old name's value under its current name, unless the current name is set. */
  env: Environment;
  /** One line per old name that is set, for the logger at boot. */
  deprecations: string[];
  /** The variable the user actually set, for naming it in a config issue. */
  setAs(variable: string): string;
}

/**
 * Lets old names feed the new ones; the new name wins when both are set. Blank counts as unset,
 * as in `parseArea`.
 */
export function applyRenames(env: Environment, renames: readonly RenamedVariable[]): RenamesApplied {
  const resolved: Environment = { ...env };
  const deprecations: string[] = [];
  const fromOld = new Map<string, string>();
  const isSet = (name: string) => (env[name] ?? '').trim() !== '';
  for (const { old, current } of renames) {
    if (!isSet(old)) continue;
    deprecations.push(`${old} is deprecated and will be removed in 0.2.0; use ${current}`);
    if (isSet(current)) continue;
    resolved[current] = env[old];
    fromOld.set(current, old);
  }
  return { env: resolved, deprecations, setAs: (variable) => fromOld.get(variable) ?? variable };
}

/**
 * Secrets that are examples, not secrets. They are fine on a laptop and fatal in production:
 * a copied README must not reach a real deployment.
 */
const PLACEHOLDER_MARKERS = ['change-me', 'changeme', 'placeholder', 'example', 'demo', 'test-secret'];

/** The example secret of the Standard Webhooks documentation, copied into many READMEs. */
const KNOWN_EXAMPLE_SECRETS = ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'];

export function isPlaceholderSecret(secret: string): boolean {
  if (KNOWN_EXAMPLE_SECRETS.includes(secret)) return true;
  // A `whsec_` secret is base64: look at what it says, too.
  const decoded = secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64').toString('latin1')
    : '';
  return [secret, decoded].some((text) => PLACEHOLDER_MARKERS.some((marker) => text.toLowerCase().includes(marker)));
}

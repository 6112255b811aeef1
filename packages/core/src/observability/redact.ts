/**
 * Redaction for anything that may reach a log line or an error's `details` (docs/contract.md#s9.11 and
 * docs/contract.md#s9.12). Allow-list, not deny-list: unknown headers are dropped, not printed.
 */

const SAFE_HEADERS = new Set([
  'content-type',
  'content-length',
  'retry-after',
  'requestid',
  'svvguid',
  'date',
  'x-request-id',
]);

/** Headers safe to log; everything else (Authorization, IntegrasjonPassord, cookies, …) is dropped. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (SAFE_HEADERS.has(name.toLowerCase())) out[name.toLowerCase()] = value;
  }
  return out;
}

/** Origin only: paths carry the VIN and fiksOrgId, queries carry names and numbers. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}/…`;
  } catch {
    return '[invalid url]';
  }
}

const JWT_PATTERN = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
/** 11-digit fødselsnummer / d-nummer, also when written with a space after the date part. */
const FODSELSNUMMER_PATTERN = /\b\d{6}\s?\d{5}\b/g;
const UUID_PASSWORD_PATTERN = /(passord|password|assertion|access_token)(["'=:\s]+)[^"'&\s,}]+/gi;

/** Masks tokens, fødselsnummer and secret-looking key/value pairs in free text. */
export function redactText(text: string, maxLength = 500): string {
  const masked = text
    .replace(JWT_PATTERN, '[token]')
    .replace(FODSELSNUMMER_PATTERN, '[fnr]')
    .replace(UUID_PASSWORD_PATTERN, '$1$2[redacted]');
  return masked.length > maxLength ? `${masked.slice(0, maxLength)}…` : masked;
}

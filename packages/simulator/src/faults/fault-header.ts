import { DEFAULT_SLOW_BODY_CHUNKS, type Faults } from './faults.js';
import { FaultConfigError, validateFaults } from './validate-faults.js';

/** Per-request faults: `x-simulator-fault: <json>` or the compact syntax below. */
export const FAULT_HEADER = 'x-simulator-fault';

const DEFAULT_RETRY_AFTER_SECONDS = 1;
const DEFAULT_SLOW_CHUNK_DELAY_MS = 50;

/**
 * Parses the per-request fault header. A JSON object uses the `Faults` shape (triggers are
 * ignored: a per-request fault always fires). The compact syntax is a comma-separated list:
 *
 * | token | effect |
 * |---|---|
 * | `500` `502` `503` | server error with that status |
 * | `429` / `429=<s>` | rate limited, `Retry-After: s` (default 1) |
 * | `422` | quota exceeded |
 * | `reset` | connection reset |
 * | `truncated` / `malformed` | truncated / malformed JSON body |
 * | `slow` / `slow=<ms>` | body in 4 chunks, `ms` apart (default 50) |
 * | `latency=<ms>` | added latency |
 * | `token-down` | POST /token answers 503 |
 * | `revoked` | Fiks rejects the access token as revoked |
 * | `skew=<s>` | the simulator's clock shifted by s seconds (may be negative) |
 */
export function parseFaultHeader(value: string): Faults {
  const trimmed = value.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new FaultConfigError(`${FAULT_HEADER} is not valid JSON`);
    }
    const faults = validateFaults(parsed);
    if (faults.quota !== undefined || faults.burstLimit !== undefined) {
      throw new FaultConfigError(`${FAULT_HEADER} cannot set quota or burstLimit (they are global state)`);
    }
    return faults;
  }
  const faults: Faults = {};
  for (const raw of trimmed.split(',')) {
    const token = raw.trim();
    if (token === '') continue;
    const [name = '', arg] = token.split('=', 2) as [string, string | undefined];
    applyToken(faults, name.trim().toLowerCase(), arg?.trim());
  }
  return faults;
}

function applyToken(faults: Faults, name: string, arg: string | undefined): void {
  switch (name) {
    case '500':
    case '502':
    case '503':
      noArg(name, arg);
      faults.serverError = { status: Number(name) as 500 | 502 | 503 };
      return;
    case '429':
      faults.rateLimited = { retryAfterSeconds: numberArg(name, arg, DEFAULT_RETRY_AFTER_SECONDS, false) };
      return;
    case '422':
      noArg(name, arg);
      faults.quotaExceeded = true;
      return;
    case 'reset':
      noArg(name, arg);
      faults.connectionReset = true;
      return;
    case 'truncated':
      noArg(name, arg);
      faults.truncatedJson = true;
      return;
    case 'malformed':
      noArg(name, arg);
      faults.malformedJson = true;
      return;
    case 'slow':
      faults.slowBody = {
        chunkDelayMs: numberArg(name, arg, DEFAULT_SLOW_CHUNK_DELAY_MS, false),
        chunks: DEFAULT_SLOW_BODY_CHUNKS,
      };
      return;
    case 'latency':
      faults.latency = { fixedMs: numberArg(name, arg, undefined, false) };
      return;
    case 'token-down':
      noArg(name, arg);
      faults.tokenEndpointDown = true;
      return;
    case 'revoked':
      noArg(name, arg);
      faults.tokenRevoked = true;
      return;
    case 'skew':
      faults.clockSkewSeconds = numberArg(name, arg, undefined, true);
      return;
    default:
      throw new FaultConfigError(`${FAULT_HEADER}: unknown fault "${name}"`);
  }
}

function noArg(name: string, arg: string | undefined): void {
  if (arg !== undefined) throw new FaultConfigError(`${FAULT_HEADER}: "${name}" takes no value`);
}

function numberArg(name: string, arg: string | undefined, fallback: number | undefined, signed: boolean): number {
  if (arg === undefined || arg === '') {
    if (fallback === undefined) throw new FaultConfigError(`${FAULT_HEADER}: "${name}" needs a value`);
    return fallback;
  }
  const n = Number(arg);
  if (!Number.isFinite(n) || (!signed && n < 0)) {
    throw new FaultConfigError(`${FAULT_HEADER}: "${name}" needs a ${signed ? '' : 'non-negative '}number`);
  }
  return n;
}

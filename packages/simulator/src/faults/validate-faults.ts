import {
  TRIGGERED_FAULT_KINDS,
  type FaultTrigger,
  type Faults,
  type ServerErrorStatus,
  type Trigger,
} from './faults.js';

/** A fault configuration (option, admin body or request header) that does not fit the catalogue. */
export class FaultConfigError extends Error {
  override readonly name = 'FaultConfigError';
}

type Obj = Record<string, unknown>;

const TRIGGER_KEYS = ['times', 'everyNth', 'rate'] as const;
const SERVER_ERROR_STATUSES: readonly number[] = [500, 502, 503];

/**
 * Checks an untrusted fault object and lists every problem at once, naming the field, so a
 * typo in `PUT /__admin/faults` is not silently ignored.
 */
export function validateFaults(input: unknown): Faults {
  const problems: string[] = [];
  if (!isObject(input)) throw new FaultConfigError('faults must be a JSON object');
  const out: Faults = {};
  const known = new Set<string>([...TRIGGERED_FAULT_KINDS, 'latency', 'burstLimit', 'quota', 'clockSkewSeconds']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) problems.push(`unknown fault "${key}"`);
  }

  const v = new Checker(problems);
  if (input['latency'] !== undefined) {
    const o = v.object(input['latency'], 'latency', ['fixedMs', 'jitterMs']);
    if (o) {
      const fixedMs = v.nonNegative(o['fixedMs'], 'latency.fixedMs', true) ?? 0;
      const jitterMs = v.nonNegative(o['jitterMs'], 'latency.jitterMs', false);
      out.latency = jitterMs === undefined ? { fixedMs } : { fixedMs, jitterMs };
    }
  }
  if (input['serverError'] !== undefined) {
    const o = v.object(input['serverError'], 'serverError', ['status', ...TRIGGER_KEYS]);
    if (o) {
      const status = o['status'];
      if (typeof status !== 'number' || !SERVER_ERROR_STATUSES.includes(status)) {
        problems.push('serverError.status must be 500, 502 or 503');
      } else {
        out.serverError = { status: status as ServerErrorStatus, ...v.trigger(o, 'serverError') };
      }
    }
  }
  if (input['rateLimited'] !== undefined) {
    const o = v.object(input['rateLimited'], 'rateLimited', ['retryAfterSeconds', ...TRIGGER_KEYS]);
    if (o) {
      const retryAfterSeconds = v.nonNegative(o['retryAfterSeconds'], 'rateLimited.retryAfterSeconds', true);
      if (retryAfterSeconds !== undefined) {
        out.rateLimited = { retryAfterSeconds, ...v.trigger(o, 'rateLimited') };
      }
    }
  }
  if (input['burstLimit'] !== undefined) {
    const o = v.object(input['burstLimit'], 'burstLimit', ['requests', 'windowSeconds']);
    if (o) {
      const requests = v.positive(o['requests'], 'burstLimit.requests');
      const windowSeconds = v.positive(o['windowSeconds'], 'burstLimit.windowSeconds');
      if (requests !== undefined && windowSeconds !== undefined) out.burstLimit = { requests, windowSeconds };
    }
  }
  if (input['quota'] !== undefined) {
    const o = v.object(input['quota'], 'quota', ['dailyItems']);
    if (o) {
      const dailyItems = v.nonNegative(o['dailyItems'], 'quota.dailyItems', true);
      if (dailyItems !== undefined) out.quota = { dailyItems };
    }
  }
  if (input['slowBody'] !== undefined) {
    const o = v.object(input['slowBody'], 'slowBody', ['chunkDelayMs', 'chunks', ...TRIGGER_KEYS]);
    if (o) {
      const chunkDelayMs = v.nonNegative(o['chunkDelayMs'], 'slowBody.chunkDelayMs', true);
      const chunks = o['chunks'] === undefined ? undefined : v.positive(o['chunks'], 'slowBody.chunks');
      if (chunkDelayMs !== undefined) {
        out.slowBody = {
          chunkDelayMs,
          ...(chunks === undefined ? {} : { chunks }),
          ...v.trigger(o, 'slowBody'),
        };
      }
    }
  }
  for (const kind of [
    'quotaExceeded',
    'connectionReset',
    'truncatedJson',
    'malformedJson',
    'tokenEndpointDown',
    'tokenRevoked',
  ] as const) {
    if (input[kind] === undefined) continue;
    const trigger = v.plainTrigger(input[kind], kind);
    if (trigger !== undefined) out[kind] = trigger;
  }
  if (input['clockSkewSeconds'] !== undefined) {
    const skew = input['clockSkewSeconds'];
    if (typeof skew !== 'number' || !Number.isFinite(skew)) {
      problems.push('clockSkewSeconds must be a number (seconds, may be negative)');
    } else {
      out.clockSkewSeconds = skew;
    }
  }

  if (problems.length > 0) throw new FaultConfigError(`invalid faults: ${problems.join('; ')}`);
  return out;
}

class Checker {
  constructor(private readonly problems: string[]) {}

  object(value: unknown, field: string, allowed: readonly string[]): Obj | undefined {
    if (!isObject(value)) {
      this.problems.push(`${field} must be an object`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.problems.push(`unknown field "${field}.${key}"`);
    }
    return value;
  }

  nonNegative(value: unknown, field: string, required: boolean): number | undefined {
    if (value === undefined) {
      if (required) this.problems.push(`${field} is required`);
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      this.problems.push(`${field} must be a non-negative number`);
      return undefined;
    }
    return value;
  }

  positive(value: unknown, field: string): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      this.problems.push(`${field} must be a positive integer`);
      return undefined;
    }
    return value;
  }

  trigger(o: Obj, field: string): FaultTrigger {
    const out: FaultTrigger = {};
    if (o['times'] !== undefined) {
      const times = this.nonNegative(o['times'], `${field}.times`, false);
      if (times !== undefined) {
        if (!Number.isInteger(times)) this.problems.push(`${field}.times must be an integer`);
        else out.times = times;
      }
    }
    if (o['everyNth'] !== undefined) {
      const n = this.positive(o['everyNth'], `${field}.everyNth`);
      if (n !== undefined) out.everyNth = n;
    }
    if (o['rate'] !== undefined) {
      const rate = o['rate'];
      if (typeof rate !== 'number' || rate < 0 || rate > 1) this.problems.push(`${field}.rate must be between 0 and 1`);
      else out.rate = rate;
    }
    return out;
  }

  plainTrigger(value: unknown, field: string): Trigger | undefined {
    if (typeof value === 'boolean') return value;
    const o = this.object(value, field, TRIGGER_KEYS);
    return o ? this.trigger(o, field) : undefined;
  }
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { z } from 'zod';
import { envInt, isPlaceholderSecret, parseArea, type AreaResult, type ConfigIssue, type Environment } from './env.js';

/** A system allowed to post observations, e.g. the field app; `name` becomes the audit actor `webhook:<name>`. */
interface InboundSource {
  name: string;
  /** Standard Webhooks secret, `whsec_<base64>`. */
  secret: string;
}

interface OutboundConfig {
  /** Subscribers that get every status change. Empty: no deliveries are written. */
  urls: string[];
  secret?: string;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  pollIntervalMs: number;
  timeoutMs: number;
  leaseMs: number;
}

export interface WebhooksConfig {
  inbound: InboundSource[];
  outbound: OutboundConfig;
}

const SOURCE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;
/** 192 bits: Standard Webhooks recommends 24–64 random bytes. */
const MIN_SECRET_BYTES = 24;

const WebhooksEnvSchema = z.object({
  WEBHOOK_INBOUND_SOURCES: z.string({ error: 'is required: name=whsec_… pairs, comma-separated' }),
  WEBHOOK_OUTBOUND_URLS: z.string().optional(),
  WEBHOOK_OUTBOUND_SECRET: z.string().optional(),
  DELIVERY_MAX_ATTEMPTS: envInt(1, 100).default(12),
  DELIVERY_BACKOFF_BASE_MS: envInt(1).default(5_000),
  DELIVERY_BACKOFF_MAX_MS: envInt(1).default(60 * 60_000),
  DELIVERY_POLL_INTERVAL_MS: envInt(10).default(1_000),
  DELIVERY_TIMEOUT_MS: envInt(100).default(10_000),
  DELIVERY_LEASE_MS: envInt(500).default(60_000),
});

export function webhooksConfig(env: Environment, production: boolean): AreaResult<WebhooksConfig> {
  const parsed = parseArea(WebhooksEnvSchema, env);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const issues: ConfigIssue[] = [];
  const inbound = inboundSources(v.WEBHOOK_INBOUND_SOURCES, production, issues);
  const urls = outboundUrls(v.WEBHOOK_OUTBOUND_URLS, issues);
  if (urls.length > 0) {
    const problem =
      v.WEBHOOK_OUTBOUND_SECRET === undefined
        ? 'is required when WEBHOOK_OUTBOUND_URLS is set'
        : checkSecret(v.WEBHOOK_OUTBOUND_SECRET, production);
    if (problem) issues.push({ variable: 'WEBHOOK_OUTBOUND_SECRET', message: problem });
  }

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      inbound,
      outbound: {
        urls,
        secret: v.WEBHOOK_OUTBOUND_SECRET,
        maxAttempts: v.DELIVERY_MAX_ATTEMPTS,
        backoffBaseMs: v.DELIVERY_BACKOFF_BASE_MS,
        backoffMaxMs: Math.max(v.DELIVERY_BACKOFF_MAX_MS, v.DELIVERY_BACKOFF_BASE_MS),
        pollIntervalMs: v.DELIVERY_POLL_INTERVAL_MS,
        timeoutMs: v.DELIVERY_TIMEOUT_MS,
        leaseMs: v.DELIVERY_LEASE_MS,
      },
    },
  };
}

/** `name=whsec_…` pairs; each problem is pushed to `issues`, naming the entry, never its secret. */
function inboundSources(list: string, production: boolean, issues: ConfigIssue[]): InboundSource[] {
  const inbound: InboundSource[] = [];
  list
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .forEach((pair, index) => {
      const at = pair.indexOf('=');
      const name = at > 0 ? pair.slice(0, at).trim() : '';
      const secret = at > 0 ? pair.slice(at + 1).trim() : '';
      const where = `WEBHOOK_INBOUND_SOURCES`;
      if (!SOURCE_NAME.test(name))
        issues.push({
          variable: where,
          message: `entry ${index + 1}: name must be lower-case letters, digits and hyphens`,
        });
      else if (inbound.some((s) => s.name === name))
        issues.push({ variable: where, message: `entry ${index + 1}: name is listed twice` });
      const secretProblem = checkSecret(secret, production);
      if (secretProblem) issues.push({ variable: where, message: `entry ${index + 1}: secret ${secretProblem}` });
      inbound.push({ name, secret });
    });
  if (inbound.length === 0)
    issues.push({ variable: 'WEBHOOK_INBOUND_SOURCES', message: 'needs at least one name=secret pair' });
  return inbound;
}

function outboundUrls(list: string | undefined, issues: ConfigIssue[]): string[] {
  const urls = (list ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  urls.forEach((url, index) => {
    if (!isHttpUrl(url))
      issues.push({ variable: 'WEBHOOK_OUTBOUND_URLS', message: `entry ${index + 1} is not an http(s) URL` });
  });
  return urls;
}

/** The problem with a secret, without ever quoting it. */
function checkSecret(secret: string, production: boolean): string | undefined {
  if (!SECRET.test(secret)) return 'must look like whsec_<base64>';
  if (Buffer.from(secret.slice('whsec_'.length), 'base64').length < MIN_SECRET_BYTES) {
    return `must hold at least ${MIN_SECRET_BYTES} random bytes`;
  }
  if (production && isPlaceholderSecret(secret)) return 'is a placeholder; not allowed in production';
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

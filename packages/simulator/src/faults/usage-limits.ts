import { osloDate, secondsUntilOsloMidnight } from './oslo-time.js';

interface DayUsage {
  date: string;
  items: number;
}

interface Window {
  index: number;
  requests: number;
}

type QuotaDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-integration daily item quota and burst window (CONTRACT-ASSUMPTION (e)). Both read the
 * simulator clock, so tests drive them with an injected clock instead of waiting.
 */
export class UsageLimits {
  private days = new Map<string, DayUsage>();
  private windows = new Map<string, Window>();

  /** Items already used today by this integration. */
  usedToday(integrasjonId: string, nowMs: number): number {
    const usage = this.days.get(integrasjonId);
    return usage && usage.date === osloDate(nowMs) ? usage.items : 0;
  }

  /** Checks whether `items` more fit in today's quota; records them when they do. */
  consume(integrasjonId: string, items: number, dailyItems: number, nowMs: number): QuotaDecision {
    const date = osloDate(nowMs);
    const used = this.usedToday(integrasjonId, nowMs);
    if (used + items > dailyItems || (items === 0 && used >= dailyItems)) {
      return { allowed: false, retryAfterSeconds: secondsUntilOsloMidnight(nowMs) };
    }
    this.days.set(integrasjonId, { date, items: used + items });
    return { allowed: true, remaining: dailyItems - used - items };
  }

  /** Counts one request in the fixed window; the Retry-After when the window is full. */
  burst(integrasjonId: string, limit: number, windowSeconds: number, nowMs: number): number | undefined {
    const windowMs = windowSeconds * 1000;
    const index = Math.floor(nowMs / windowMs);
    const current = this.windows.get(integrasjonId);
    const window = current && current.index === index ? current : { index, requests: 0 };
    window.requests += 1;
    this.windows.set(integrasjonId, window);
    if (window.requests <= limit) return undefined;
    return Math.max(1, Math.ceil(((index + 1) * windowMs - nowMs) / 1000));
  }

  reset(): void {
    this.days.clear();
    this.windows.clear();
  }
}

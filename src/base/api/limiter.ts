/**
 * Sliding-window limiter for the Base API: 100 requests/minute per token are SHARED with every other
 * integration of the account (docs/base.md §1.1), so we default to 50/min. It never sleeps: `take()` says
 * "go" or "retry at T", so a service worker can turn T into an alarm, and a Node caller can sleep.
 * The state is plain data (`snapshot`/`restore`) so the worker can persist it across restarts.
 */
export interface LimiterState {
  /** Epoch ms of calls in the last minute. */
  stamps: number[];
  /** Epoch ms until which Base blocked the token (ERROR_BLOCKED_TOKEN). */
  blockedUntil: number;
}

export class RateLimiter {
  private stamps: number[] = [];
  private blockedUntil = 0;

  constructor(
    readonly perMinute = 50,
    readonly windowMs = 60_000,
  ) {}

  /** Records a call at `now` and returns undefined, or returns the epoch ms when a call is allowed. */
  take(now: number): number | undefined {
    const at = this.nextAt(now);
    if (at > now) return at;
    this.stamps.push(now);
    return undefined;
  }

  /** Earliest epoch ms a call is allowed (≤ now means now). */
  nextAt(now: number): number {
    this.stamps = this.stamps.filter((t) => t > now - this.windowMs);
    let at = Math.max(now, this.blockedUntil);
    if (this.stamps.length >= this.perMinute)
      at = Math.max(at, this.stamps[this.stamps.length - this.perMinute]! + this.windowMs);
    return at;
  }

  blockUntil(epochMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, epochMs);
  }

  snapshot(): LimiterState {
    return { stamps: [...this.stamps], blockedUntil: this.blockedUntil };
  }

  restore(s: LimiterState): void {
    this.stamps = [...s.stamps];
    this.blockedUntil = s.blockedUntil;
  }
}

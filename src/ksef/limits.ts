/**
 * Client-side sliding-window rate limiter per official KSeF limit group (docs/ksef-protocol.md §8.1,
 * `x-rate-limits` in openapi.json). All three windows (1 s, 60 s, 60 min) are enforced. The request
 * log and any server-imposed block (429 Retry-After) are written to the injected storage, so a
 * restarted service worker does not forget what it has already spent.
 *
 * The limiter never sleeps for long: a wait up to `maxWaitMs` (smoothing a per-second burst) is
 * taken, anything longer is reported as a `RateLimitedError` with `retryAt` so the caller can
 * schedule an alarm (docs/architecture.md practice 6).
 *
 * Which group an operation spends is part of its entry in routes.ts, not worked out here.
 */
import { RateLimitedError } from './errors';
import { type LiveLimitsState, liveLimitsDue, liveLimitsKey } from './live-limits';
import type { KvStore } from './storage';

export type LimitGroup =
  | 'auth'
  | 'onlineSession'
  | 'invoiceSend'
  | 'batchSession'
  | 'invoiceStatus'
  | 'sessionMisc'
  | 'sessionInvoiceList'
  | 'sessionList'
  | 'invoiceDownload'
  | 'invoiceMetadata'
  | 'invoiceExport'
  | 'invoiceExportStatus'
  | 'other';

export interface LimitRule {
  perSecond: number;
  perMinute?: number;
  perHour?: number;
}

/** PROD values, assumed until KSeF's own current values are read (live-limits.ts), which then win. */
export const LIMIT_RULES: Readonly<Record<LimitGroup, LimitRule>> = {
  auth: { perSecond: 60 },
  onlineSession: { perSecond: 10, perMinute: 30, perHour: 120 },
  invoiceSend: { perSecond: 10, perMinute: 30, perHour: 180 },
  batchSession: { perSecond: 10, perMinute: 20, perHour: 60 },
  invoiceStatus: { perSecond: 30, perMinute: 120, perHour: 1200 },
  sessionMisc: { perSecond: 10, perMinute: 120, perHour: 1200 },
  sessionInvoiceList: { perSecond: 10, perMinute: 20, perHour: 200 },
  sessionList: { perSecond: 5, perMinute: 10, perHour: 60 },
  invoiceDownload: { perSecond: 8, perMinute: 16, perHour: 64 },
  invoiceMetadata: { perSecond: 8, perMinute: 16, perHour: 20 },
  invoiceExport: { perSecond: 8, perMinute: 16, perHour: 20 },
  invoiceExportStatus: { perSecond: 10, perMinute: 60, perHour: 600 },
  other: { perSecond: 10, perMinute: 30, perHour: 120 },
};

interface GroupState {
  /** Request times (ms), oldest first, at most one hour old. */
  log: number[];
  /** Set after a 429: nothing is sent in this group before this time. */
  blockedUntil: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Earliest time a new request fits every window of `rule`, given `log` (sorted ascending). */
export function earliestSlot(log: readonly number[], rule: LimitRule, now: number, marginMs = 0): number {
  let t = now;
  const windows: Array<[number | undefined, number]> = [
    [rule.perSecond, SECOND],
    [rule.perMinute, MINUTE],
    [rule.perHour, HOUR],
  ];
  for (const [limit, span] of windows) {
    if (limit === undefined) continue;
    // The margin widens each window: KSeF counts arrival times, and network jitter can bring two
    // requests closer together on its side than they left ours.
    const inWindow = log.filter((ts) => ts > now - span - marginMs);
    if (inWindow.length >= limit) {
      // The request that must drop out of the window before one more fits.
      const oldestBlocking = inWindow[inWindow.length - limit]!;
      t = Math.max(t, oldestBlocking + span + marginMs);
    }
  }
  return t;
}

export interface RateLimiterOptions {
  store: KvStore;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Storage key prefix; limits apply per (context, IP), so the prefix names the context. */
  keyPrefix: string;
  /** Waits up to this long instead of failing (default 1500 ms). */
  maxWaitMs?: number;
  /** Safety margin added to every window against network jitter (default 250 ms). */
  marginMs?: number;
  rules?: Partial<Record<LimitGroup, LimitRule>>;
}

export class RateLimiter {
  private readonly cache = new Map<LimitGroup, GroupState>();
  private queue: Promise<unknown> = Promise.resolve();
  private live: LiveLimitsState | undefined;
  private liveLoaded = false;
  private readonly maxWaitMs: number;
  private readonly marginMs: number;

  constructor(private readonly opts: RateLimiterOptions) {
    this.maxWaitMs = opts.maxWaitMs ?? 1500;
    this.marginMs = opts.marginMs ?? 250;
  }

  /** Explicit rules (tests, tools) first, then KSeF's live values, then the static table. */
  private rule(group: LimitGroup): LimitRule {
    return this.opts.rules?.[group] ?? this.live?.live?.rates[group] ?? LIMIT_RULES[group];
  }

  private liveKey(): string {
    return liveLimitsKey(this.opts.keyPrefix);
  }

  /** The live limits as last read (or tried), from storage on first use. */
  async liveState(): Promise<LiveLimitsState | undefined> {
    if (!this.liveLoaded) {
      this.live = await this.opts.store.get<LiveLimitsState>(this.liveKey());
      this.liveLoaded = true;
    }
    return this.live;
  }

  /** Whether KSeF's limits should be read again (never read, a day old, and not tried in the last hour). */
  async liveDue(): Promise<boolean> {
    return liveLimitsDue(await this.liveState(), this.opts.now());
  }

  /** Keeps what was read (or the failed attempt) with the limiter's state. */
  setLive(state: LiveLimitsState): Promise<void> {
    return this.exclusive(async () => {
      this.live = state;
      this.liveLoaded = true;
      await this.opts.store.set(this.liveKey(), state);
    });
  }

  private key(group: LimitGroup): string {
    return `${this.opts.keyPrefix}:ratelimit:${group}`;
  }

  private async load(group: LimitGroup): Promise<GroupState> {
    await this.liveState();
    let s = this.cache.get(group);
    if (!s) {
      s = (await this.opts.store.get<GroupState>(this.key(group))) ?? { log: [], blockedUntil: 0 };
      s = { log: [...s.log], blockedUntil: s.blockedUntil };
      this.cache.set(group, s);
    }
    return s;
  }

  private async save(group: LimitGroup, s: GroupState): Promise<void> {
    const cutoff = this.opts.now() - HOUR;
    while (s.log.length > 0 && s.log[0]! <= cutoff) s.log.shift();
    await this.opts.store.set(this.key(group), { log: s.log, blockedUntil: s.blockedUntil });
  }

  /** Serialises state changes so concurrent callers cannot both take the last slot. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** When the next request of `group` could be sent (ms); `now` if right away. */
  async nextSlot(group: LimitGroup): Promise<number> {
    const s = await this.load(group);
    const now = this.opts.now();
    return Math.max(earliestSlot(s.log, this.rule(group), now, this.marginMs), s.blockedUntil, now);
  }

  /**
   * Takes a slot for one request of `group`, waiting at most `maxWaitMs`; otherwise throws
   * `RateLimitedError` (source `client`) with the time the slot frees up.
   */
  acquire(group: LimitGroup): Promise<void> {
    return this.exclusive(async () => {
      const s = await this.load(group);
      let now = this.opts.now();
      const at = Math.max(earliestSlot(s.log, this.rule(group), now, this.marginMs), s.blockedUntil);
      if (at > now) {
        if (at - now > this.maxWaitMs) throw new RateLimitedError(at, group, 'client');
        await this.opts.sleep(at - now);
        now = Math.max(this.opts.now(), at);
      }
      s.log.push(now);
      await this.save(group, s);
    });
  }

  /** Records a server block (429 Retry-After) so nothing in the group is sent before `until`. */
  block(group: LimitGroup, until: number): Promise<void> {
    return this.exclusive(async () => {
      const s = await this.load(group);
      s.blockedUntil = Math.max(s.blockedUntil, until);
      await this.save(group, s);
    });
  }
}

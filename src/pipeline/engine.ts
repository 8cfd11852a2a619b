/**
 * What every pipeline step shares: the dependencies, the options, the clock, wake-ups, the
 * in-memory guards of this worker life, and the KSeF port of a record's own context.
 */
import type { Settings } from '../messaging';
import type { OutboxContext, OutboxRecord, RecordRef } from '../outbox/types';
import { sameContext } from '../outbox/types';
import type { PipelineDeps, PipelineOptions } from './options';
import { type KsefPort, PortError } from './ports';

export class Engine {
  /** Records this worker life is sending at this moment (module state is a cache only). */
  readonly active = new Set<string>();
  readonly checking = new Map<string, Promise<OutboxRecord | undefined>>();
  /** Online sessions being opened, per context: one at a time (send.ts ensureSession). */
  readonly opening = new Map<string, Promise<{ sessionRef: string }>>();

  constructor(
    readonly d: PipelineDeps,
    readonly opts: PipelineOptions,
  ) {}

  now(): number {
    return this.d.clock.now();
  }

  async schedule(name: string, when: number): Promise<void> {
    await this.d.scheduler.at(name, when);
  }

  settings(): Promise<Settings> {
    return this.d.settings();
  }

  async current(): Promise<OutboxContext> {
    const s = await this.d.settings();
    return { env: s.env, nip: s.nip };
  }

  /**
   * The context part of a wake-up name: none for the current settings' context (the name is
   * then the plain invoice id, as before contexts existed), `@env:nip` for any other.
   */
  async wakeId(ref: RecordRef): Promise<string> {
    return sameContext(ref, await this.current()) ? ref.invoiceId : `${ref.invoiceId}@${ref.env}:${ref.nip}`;
  }

  /** Reads a wake-up id back: `id` (current context) or `id@env:nip`. */
  async refFromWake(id: string): Promise<RecordRef> {
    const at = id.indexOf('@');
    if (at < 0) return { ...(await this.current()), invoiceId: id };
    const [env, nip] = id.slice(at + 1).split(':');
    return { env: env as OutboxContext['env'], nip: nip ?? '', invoiceId: id.slice(0, at) };
  }

  /** KSeF of the record's own context: the settings' port, another context's, or null. */
  async ksefOf(ctx: OutboxContext): Promise<KsefPort | null> {
    if (sameContext(ctx, await this.current())) return this.d.ksef;
    return (await this.d.ksefFor?.(ctx)) ?? null;
  }

  /**
   * The quick follow-up after `since` (the send), or undefined once they are all past.
   * Measured from the send, not from the last check, so a late check does not stretch them.
   */
  nextFollowUp(since: number, now: number): number | undefined {
    for (const d of this.opts.followUpDelaysMs) if (since + d > now) return since + d;
    return undefined;
  }

  /**
   * Wait before the next automatic attempt after `event` failures in a row: 1, 2, 4 … minutes,
   * at most the hourly poll, so an outage of hours does not mean a request a minute per invoice.
   */
  backoff(rec: OutboxRecord | undefined, event: string): number {
    let streak = 0;
    for (const a of [...(rec?.attempts ?? [])].reverse()) {
      if (a.event === 'resumed' || a.event === 'claimed' || a.event === 'built' || a.event === 'session') continue;
      if (a.event !== event) break;
      streak++;
    }
    return Math.min(this.opts.retryDelayMs * 2 ** streak, this.opts.pollIntervalMs);
  }
}

export function activeKey(ref: RecordRef): string {
  return `${ref.env}|${ref.nip}|${ref.invoiceId}`;
}

export function kindOf(e: unknown): PortError['kind'] {
  return e instanceof PortError ? e.kind : 'unavailable';
}

export function retryAtOf(e: unknown, fallback: number, now: number): number {
  return Math.max(e instanceof PortError && e.retryAt !== undefined ? e.retryAt : fallback, now);
}

/**
 * What the worker remembers of Base invoices it has seen (number, series, buyer, gov status), so
 * the panel's rows can show the right icon state (series excluded, owned by Base's own KSeF
 * integration) without one Base request per row. Unknown rows are looked up in the background,
 * respecting Base's limits; the panel is told to refresh when they arrive.
 */
import type { BaseClient } from '../base/api';
import type { OutboxStore } from '../outbox';
import type { BaseInvoiceSummary } from '../pipeline';
import { summarise } from './adapters/base-port';

export type StoredSummary = Omit<BaseInvoiceSummary, 'raw'>;

const PREFIX = 'base-summary:';
const NUMBER_PREFIX = 'base-number:';
/** Ids of the remembered summaries, oldest first: the outbox keeps at most `max` of them. */
const ORDER_KEY = 'base-summary.order';
/** Enough for the rows a seller scrolls through; older ones are looked up again when shown. */
export const MAX_SUMMARIES = 5000;
/** Recent invoices are listed at most this often when a row is known only by its number. */
const LIST_EVERY_MS = 5 * 60_000;

export class Summaries {
  private lastListing = 0;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly outbox: () => Promise<OutboxStore>,
    private readonly base: () => Promise<BaseClient>,
    private readonly onLearned: () => void,
    private readonly max = MAX_SUMMARIES,
  ) {}

  async get(id: string): Promise<StoredSummary | undefined> {
    return (await this.outbox()).getMeta<StoredSummary>(PREFIX + id);
  }

  async idForNumber(number: string): Promise<string | undefined> {
    return (await this.outbox()).getMeta<string>(NUMBER_PREFIX + number);
  }

  async remember(list: readonly BaseInvoiceSummary[]): Promise<void> {
    if (list.length === 0) return;
    const store = await this.outbox();
    for (const s of list) {
      const { raw: _raw, ...plain } = s;
      await store.setMeta(PREFIX + s.id, plain);
      if (s.number) await store.setMeta(NUMBER_PREFIX + s.number, s.id);
    }
    // Capped: the newest are kept, the oldest forgotten (with their number look-up).
    const fresh = new Set(list.map((s) => s.id));
    const order = ((await store.getMeta<string[]>(ORDER_KEY)) ?? []).filter((id) => !fresh.has(id));
    order.push(...fresh);
    const drop = order.splice(0, Math.max(0, order.length - this.max));
    for (const id of drop) {
      const old = await store.getMeta<StoredSummary>(PREFIX + id);
      await store.deleteMeta(PREFIX + id);
      if (old?.number && (await store.getMeta<string>(NUMBER_PREFIX + old.number)) === id)
        await store.deleteMeta(NUMBER_PREFIX + old.number);
    }
    await store.setMeta(ORDER_KEY, order);
  }

  /** Looks up unknown ids (and, every few minutes, recent invoices for unknown numbers) in Base. */
  learn(ids: readonly string[], numbers: readonly string[]): void {
    if (this.pending || (ids.length === 0 && numbers.length === 0)) return;
    this.pending = (async () => {
      try {
        const client = await this.base();
        const found: BaseInvoiceSummary[] = [];
        // Ten per call at most: Base allows ~100 requests a minute for the whole account.
        for (const id of ids.slice(0, 10)) {
          const inv = await client.getInvoice(Number(id), true);
          if (inv) found.push(summarise(inv));
        }
        if (numbers.length && Date.now() - this.lastListing > LIST_EVERY_MS) {
          this.lastListing = Date.now();
          const since = Math.floor((Date.now() - 62 * 86_400_000) / 1000);
          for await (const page of client.listInvoices({ dateFrom: since, governmentData: true, maxPages: 5 }))
            found.push(...page.map(summarise));
        }
        if (found.length) {
          await this.remember(found);
          this.onLearned();
        }
      } catch {
        // Not configured, rate-limited or Base down: rows stay as they are; the next view retries.
      } finally {
        this.pending = undefined;
      }
    })();
  }
}

/**
 * The worker decides what a panel tab may send, not the page. A content script runs next to
 * scripts of Base's page that the extension does not control, so `invoice.send` and
 * `invoice.resend` from it are accepted only for invoices the worker itself resolved for that tab
 * from Base's API (the ids it answered `invoices.view`, `invoices.recent` or `invoices.forOrder`
 * with, for the rows the tab asked it to decorate), and at most `max` per `windowMs` per tab.
 *
 * Kept free of extension APIs (the session storage is passed in) so it is unit-tested in Node.
 * The grants are kept in `chrome.storage.session` (memory only, not readable by content
 * scripts): a worker that was stopped between a page's decoration and the user's click still
 * knows what the tab was shown. The rate window is this worker's memory only.
 */

/** The part of `chrome.storage.session` used here. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export type GrantVerdict = 'ok' | 'not-granted' | 'rate';

export interface TabGrantsOptions {
  session: SessionArea;
  now?: () => number;
  /** Sends per tab per window (manual clicks: a seller does not click this fast). */
  max?: number;
  windowMs?: number;
  /** Ids kept per tab; the oldest are forgotten first. */
  maxIds?: number;
}

const KEY = 'tabGrants';

export class TabGrants {
  private grants: Map<number, string[]> | null = null;
  private loading: Promise<Map<number, string[]>> | null = null;
  private readonly sends = new Map<number, number[]>();
  private readonly now: () => number;
  private readonly max: number;
  private readonly windowMs: number;
  private readonly maxIds: number;

  constructor(private readonly opts: TabGrantsOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.max = opts.max ?? 20;
    this.windowMs = opts.windowMs ?? 60_000;
    this.maxIds = opts.maxIds ?? 5_000;
  }

  private load(): Promise<Map<number, string[]>> {
    if (this.grants) return Promise.resolve(this.grants);
    this.loading ??= (async () => {
      const raw = (await this.opts.session.get(KEY))[KEY];
      const map = new Map<number, string[]>();
      if (raw && typeof raw === 'object') {
        for (const [tab, ids] of Object.entries(raw as Record<string, unknown>)) {
          if (Array.isArray(ids))
            map.set(
              Number(tab),
              ids.filter((x): x is string => typeof x === 'string'),
            );
        }
      }
      this.grants = map;
      return map;
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async save(map: Map<number, string[]>): Promise<void> {
    await this.opts.session.set({ [KEY]: Object.fromEntries(map) });
  }

  /** The worker resolved these invoice ids from Base for this tab: the tab may send them. */
  async allow(tabId: number, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const map = await this.load();
    const list = map.get(tabId) ?? [];
    const have = new Set(list);
    let changed = false;
    for (const id of ids) {
      if (have.has(id)) continue;
      have.add(id);
      list.push(id);
      changed = true;
    }
    if (!changed) return;
    map.set(tabId, list.length > this.maxIds ? list.slice(list.length - this.maxIds) : list);
    await this.save(map);
  }

  /** Whether the tab may send this invoice now; a send that is let through counts against the rate. */
  async admit(tabId: number, id: string): Promise<GrantVerdict> {
    const map = await this.load();
    if (!map.get(tabId)?.includes(id)) return 'not-granted';
    const now = this.now();
    const recent = (this.sends.get(tabId) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.sends.set(tabId, recent);
      return 'rate';
    }
    recent.push(now);
    this.sends.set(tabId, recent);
    return 'ok';
  }

  /** The tab was closed: its grants go with it. */
  async forgetTab(tabId: number): Promise<void> {
    const map = await this.load();
    this.sends.delete(tabId);
    if (map.delete(tabId)) await this.save(map);
  }
}

/** The tab a message came from, when it came from a tab. */
export function tabIdOf(sender: { tab?: unknown }): number | null {
  const id = (sender.tab as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

/** Invoice ids in an answer to the panel that the worker resolved from Base (a known number). */
export function resolvedIds(res: unknown): string[] {
  const items = (res as { items?: unknown } | null)?.items;
  const list = Array.isArray(items) ? items : [(res as { item?: unknown } | null)?.item];
  const out: string[] = [];
  for (const v of list) {
    const view = v as { invoiceId?: unknown; number?: unknown } | undefined;
    if (typeof view?.invoiceId === 'string' && view.invoiceId && typeof view.number === 'string' && view.number)
      out.push(view.invoiceId);
  }
  return out;
}

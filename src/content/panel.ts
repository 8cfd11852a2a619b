/**
 * Decorates Base's panel: one KSeF block per invoice row (again after every AJAX reload or page
 * change, docs/base.md §2.3: tables are refilled from ajax_table_common.php, never twice per row),
 * drawn in a layer over room reserved in the row (src/content/row-layer.ts) so Base's table is
 * never laid out again for us; the floating panel where no known layout matches (docs/base.md §2.4
 * point 5) and the order card block.
 * Every selector comes from src/base/selectors.ts and the layouts of src/base/panel/layouts.ts;
 * every worker call goes through the injected
 * sender, so this runs in happy-dom tests with a fake worker.
 * The work is split by responsibility: list-rows.ts (the pass over the page), row-resolver.ts
 * (asking the worker), lists.ts (floating panel, order block), page-watch.ts (what starts a pass).
 */

import { SEL_INJECTED, SEL_ROW_CHECKBOX } from '../base/selectors';
import type { FallbackPanel } from './fallback';
import { decorateRows } from './list-rows';
import { cancelFallback } from './lists';
import type { OrderBlock } from './order-card';
import { watchPage } from './page-watch';
import type { Decorated, Panel, PanelDeps, Pending } from './panel-state';
import { domGeometry, type Geometry, type RowLayer } from './row-layer';
import { refresh } from './row-resolver';
import { ViewStore } from './store';
import { TickedBar } from './ticked';
import type { WidgetContext } from './widget';

export type { PanelDeps } from './panel-state';

/** Runs `cb` once in the next frame however often asked while it waits; `job` names what waits. */
function once(c: PanelController, job: 'sync' | 'tick' | 'decorate' | 'refresh', cb: () => void): void {
  if (c.waiting.has(job)) return;
  c.waiting.add(job);
  c.frame(() => {
    c.waiting.delete(job);
    cb();
  });
}

export class PanelController implements Panel {
  readonly ctx: WidgetContext;
  readonly geo: Geometry;
  readonly rows = new WeakMap<Element, Decorated | null>();
  readonly layers = new Map<Element, RowLayer>();
  readonly unconfirmed = new Set<Pending>();
  resizeObserver: ResizeObserver | null = null;
  fallback: FallbackPanel | null = null;
  fallbackTimer: (() => void) | null = null;
  order: OrderBlock | null = null;
  listsReloadedAt = Number.NEGATIVE_INFINITY;
  stopped = false;
  /** What `once` has asked the next frame for. */
  readonly waiting = new Set<string>();
  readonly #inflight = new Set<Promise<unknown>>();
  #ticked: TickedBar | null = null;
  #unwatch: (() => void) | null = null;

  constructor(readonly deps: PanelDeps) {
    this.ctx = { doc: deps.doc, t: deps.t, send: deps.send, store: new ViewStore(), copy: deps.copy };
    this.geo = deps.geometry ?? domGeometry(deps.doc.defaultView ?? window);
  }

  get store(): ViewStore {
    return this.ctx.store;
  }

  /** One synchronous pass over the page; returns how many rows are new. Reads only each row's
   * id and never touches Base's table: the blocks of the rows in view are drawn in the next
   * frame (syncLayers), the worker is asked about the new rows from the next task on
   * (row-resolver.ts). */
  decorate(): number {
    return decorateRows(this);
  }

  /** Draws and places the blocks of the rows in view, once per frame however often asked. */
  scheduleSync(): void {
    once(this, 'sync', () => this.stopped || this.syncLayers());
  }

  /** Draws and places the blocks of the rows in view now. */
  syncLayers(): void {
    for (const layer of this.layers.values()) layer.sync();
  }

  /** The rows ticked with Base's own checkboxes whose invoices the worker knows and would send. */
  #tickedIds(): string[] {
    const out: string[] = [];
    for (const layer of this.layers.values())
      for (const e of layer.rows)
        if (
          e.bound &&
          e.id &&
          !this.store.get(e.id)?.blocked &&
          e.row.querySelector<HTMLInputElement>(SEL_ROW_CHECKBOX)?.checked
        )
          out.push(e.id);
    return out;
  }

  /** Counts the ticked rows in the next frame (after Base's own "select all" has ticked them). */
  tickSoon(): void {
    once(this, 'tick', () => {
      if (this.stopped) return;
      const { doc } = this.deps;
      if (!this.#ticked) {
        // Nothing ticked anywhere (one query): the rows are not walked.
        if (!doc.querySelector(`${SEL_ROW_CHECKBOX}:checked`) || this.#tickedIds().length === 0) return;
        this.#ticked = new TickedBar(this.ctx, () => this.#tickedIds());
        doc.body.append(this.#ticked.host);
      }
      this.#ticked.update();
    });
  }

  /** Schedules one decorate pass for the next frame, however many changes come before it. */
  schedule(): void {
    once(this, 'decorate', () => this.stopped || this.decorate());
  }

  /** The outbox changed: one refresh per frame, however many changes come before it. The refresh
   * re-asks the worker about everything on screen (messaging.ts OUTBOX_REVISION_KEY), so badges
   * update without reloading the page. */
  outboxChanged(): void {
    once(this, 'refresh', () => this.track(refresh(this)));
  }

  frame(cb: () => void): void {
    (this.deps.frame ?? ((f: () => void) => requestAnimationFrame(f)))(cb);
  }

  /** Decorates now and after each change of the page (AJAX reloads, pagination, order card
   * hash routing). */
  start(win: Pick<Window, 'addEventListener' | 'removeEventListener'>): void {
    // Blocks left by an earlier instance of the content script (the extension was reloaded or
    // updated) are dead: their listeners died with it. Start clean.
    for (const old of this.deps.doc.querySelectorAll(SEL_INJECTED)) old.remove();
    this.decorate();
    this.#unwatch = watchPage(this, win);
  }

  stop(): void {
    this.stopped = true;
    this.#unwatch?.();
    cancelFallback(this);
    this.#ticked?.host.remove();
    for (const layer of this.layers.values()) layer.remove();
    this.layers.clear();
  }

  /** Resolves when every request made so far (and those they started) has finished. */
  async settled(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
  }

  track(p: Promise<unknown>): void {
    const q = p.finally(() => this.#inflight.delete(q));
    this.#inflight.add(q);
  }
}

/**
 * What the parts of the panel (src/content/panel.ts) share: its dependencies and its state. Each
 * part (list-rows.ts, row-resolver.ts, lists.ts, page-watch.ts) is a set of plain functions of
 * this state, not a class of its own: function names shrink in the content bundle, method names
 * do not (12 KB gzipped budget, test/bench/panel.ts). For the same reason the content classes keep
 * their own state in ES private members (`#name`): the minifier may shorten those, as no code
 * outside the class can name them, but never a TypeScript `private` one, which is a plain property.
 */
import type { RowReader } from '../base/panel/layouts';
import type { RowRef } from '../base/selectors';
import type { T } from '../i18n/panel';
import type { FallbackPanel } from './fallback';
import type { OrderBlock } from './order-card';
import type { Geometry, RowEntry, RowLayer } from './row-layer';
import type { Sender } from './sender';
import type { ViewStore } from './store';
import type { WidgetContext } from './widget';

/** The page's location (pathname, search, hash). */
export type Loc = { pathname: string; search: string; hash: string };

export interface PanelDeps {
  doc: Document;
  /** The page's location at the time of the call. */
  loc: () => Loc;
  send: Sender;
  t: T;
  /** Runs a callback before the next paint (requestAnimationFrame). */
  frame?: (cb: () => void) => void;
  /** How long an invoice-area page may stay without a known list before the floating panel
   * appears: Base fills its tables by AJAX after load (docs/base.md §2.3). */
  fallbackDelayMs?: number;
  /** Runs `cb` after `ms`; returns a cancel function (setTimeout by default; tests step it). */
  later?: (cb: () => void, ms: number) => () => void;
  copy?: (text: string) => Promise<void>;
  /** Where rows are on screen (the browser's layout by default; happy-dom has none). */
  geometry?: Geometry | undefined;
}

/** Rows per `invoices.view` message: the worker reads at most 500 ids and 500 numbers from one
 * (MAX_VIEW_ROWS in src/messaging.ts). */
export const VIEW_CHUNK = 200;

export interface Decorated extends RowEntry {
  /** The row's candidate id when decorated: a different one means Base reused the row. */
  candidate: string | null;
  layer: RowLayer;
}

/** A decorated row waiting for the worker. `lazy`: only the id was read so far (the number and
 * order link are read in the next task, outside the frame that decorates). */
export type Pending = RowRef & { entry: Decorated; read: RowReader; lazy: boolean; orderTried?: boolean };

/** The panel's state and the calls its parts make on each other (PanelController). */
export interface Panel {
  readonly deps: PanelDeps;
  readonly ctx: WidgetContext;
  readonly geo: Geometry;
  readonly store: ViewStore;
  /** Rows seen: their entry, or null for rows that show nothing to match an invoice by. */
  readonly rows: WeakMap<Element, Decorated | null>;
  /** One layer per decorated table. */
  readonly layers: Map<Element, RowLayer>;
  /** Decorated rows the worker has not recognised yet. */
  readonly unconfirmed: Set<Pending>;
  resizeObserver: ResizeObserver | null;
  fallback: FallbackPanel | null;
  fallbackTimer: (() => void) | null;
  order: OrderBlock | null;
  /** When the floating panel's or the order block's list was last loaded (performance.now()). */
  listsReloadedAt: number;
  stopped: boolean;
  frame(cb: () => void): void;
  track(p: Promise<unknown>): void;
  decorate(): number;
  schedule(): void;
  scheduleSync(): void;
  syncLayers(): void;
  tickSoon(): void;
}

/**
 * What makes the panel (src/content/panel.ts) look at the page again: Base's AJAX reloads and
 * page changes (docs/base.md §2.3), hash routing to an order card, scrolling and resizing that move
 * the rows, ticks of Base's checkboxes, presses outside an opened block.
 */
import type { Panel } from './panel-state';

/** Starts watching; returns the function that stops it. */
export function watchPage(c: Panel, win: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
  const { doc } = c.deps;
  /** A decorate pass ran in this frame already. */
  let passed = false;
  const observer = new MutationObserver((records) => {
    // Our own insertions also land here; they need no pass.
    if (records.every(isOurs) || c.stopped) return;
    // The first change of a frame is read at once, in the observer's microtask (ids only, no
    // layout), so the worker is asked as early as possible and the blocks are drawn in the very
    // next frame. Any further changes in the same frame are batched into one pass before the
    // next paint.
    if (passed) {
      c.schedule();
      return;
    }
    passed = true;
    c.frame(() => {
      passed = false;
    });
    c.decorate();
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  // Events a script of the page made (`isTrusted` false) are ignored: only the browser's own
  // (a real scroll, a real press, a real navigation) move or close anything of ours.
  const onHash = (ev: Event) => ev.isTrusted && c.schedule();
  // Blocks follow their rows: scrolling (the page or any box around the table) brings rows
  // into view, and a resized window or table moves them.
  const onMove = (ev: Event) => ev.isTrusted && c.scheduleSync();
  const onTick = (ev: Event) => ev.isTrusted && c.tickSoon();
  const onScroll = (ev: Event) => {
    if (!ev.isTrusted) return;
    c.scheduleSync();
    for (const layer of c.layers.values()) layer.scrolled();
  };
  const onPress = (ev: Event) => {
    if (!ev.isTrusted) return;
    const path = ev.composedPath();
    // A press inside a layer is the layer's own to handle (row-layer.ts): its root is closed.
    for (const layer of c.layers.values()) if (!path.includes(layer.host)) layer.closeOutside(path);
  };
  win.addEventListener('hashchange', onHash);
  doc.addEventListener('pointerdown', onPress, { capture: true, passive: true });
  win.addEventListener('resize', onMove, { passive: true });
  doc.addEventListener('change', onTick, { capture: true, passive: true });
  doc.addEventListener('scroll', onScroll, { capture: true, passive: true });
  if (typeof ResizeObserver !== 'undefined') {
    c.resizeObserver = new ResizeObserver(() => c.syncLayers());
    for (const table of c.layers.keys()) c.resizeObserver.observe(table);
  }
  return () => {
    observer.disconnect();
    c.resizeObserver?.disconnect();
    win.removeEventListener('hashchange', onHash);
    win.removeEventListener('resize', onMove);
    doc.removeEventListener('scroll', onScroll, { capture: true });
    doc.removeEventListener('pointerdown', onPress, { capture: true });
    doc.removeEventListener('change', onTick, { capture: true });
  };
}

function isOurs(r: MutationRecord): boolean {
  for (const n of r.addedNodes) if (!(n instanceof Element && n.hasAttribute('data-ksef-ext'))) return false;
  for (const n of r.removedNodes) if (!(n instanceof Element && n.hasAttribute('data-ksef-ext'))) return false;
  return true;
}

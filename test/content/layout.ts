/**
 * happy-dom lays nothing out: a fake layout for the row layer (src/content/row-layer.ts), with
 * every body row 40 px tall and 1,000 px wide in a 800 px viewport, and helpers that read the
 * blocks the layers draw.
 */
import type { Box, Geometry } from '../../src/content/row-layer';
import { rootOf } from './shadow';

export const ROW_PX = 40;

export function fakeGeometry(viewport = 800): Geometry & { scrollY: number; clipBox: Box | null } {
  const g = {
    scrollY: 0,
    /** A box around the table that clips it but not the layer (none by default). */
    clipBox: null as Box | null,
    viewportHeight: () => viewport,
    clip: () => g.clipBox,
    rect(el: Element): Box {
      const row = el.closest('tr');
      // Anything else (the layer) sits at the top of the page and scrolls with it.
      if (!row?.parentElement) return { top: -g.scrollY, bottom: -g.scrollY, left: 0, right: 0, height: 0 };
      const top = [...row.parentElement.children].indexOf(row) * ROW_PX - g.scrollY;
      return { top, bottom: top + ROW_PX, left: 0, right: 1000, height: ROW_PX };
    },
  };
  return g;
}

/** The row blocks drawn by every layer on the page (inside the layers' shadow roots), top to
 * bottom. */
export function rowBlocks(doc: Document = document): HTMLElement[] {
  return [...doc.querySelectorAll('[data-ksef-ext="layer"]')]
    .flatMap((l) => [...(rootOf(l)?.querySelectorAll<HTMLElement>('[data-ksef-ext="send"]') ?? [])])
    .sort((a, b) => Number.parseFloat(a.style.top) - Number.parseFloat(b.style.top));
}

export function rowBlock(id: string, doc: Document = document): HTMLElement | undefined {
  return rowBlocks(doc).find((b) => b.getAttribute('data-invoice-id') === id);
}

/**
 * The row blocks as the seller sees them: drawn in a layer beside Base's table
 * (src/content/row-layer.ts), each over the room reserved in its row's action cell. These helpers
 * find a row's block and check, with the browser's real layout, that every row in view has
 * exactly one block, sitting in that row, and that nothing of ours is inside Base's table.
 */
import { expect, type Page } from '@playwright/test';
import { type ShadowLocator, shadow, withRoots } from './closed-shadow';

/** The block of one invoice's row, inside the layer's closed shadow root (closed-shadow.ts). */
export function rowBlock(page: Page, invoiceId: string | number): ShadowLocator {
  return shadow(page, `[data-ksef-ext="send"][data-invoice-id="${invoiceId}"]`);
}

/** Per row in the viewport: how many blocks show its invoice id (its `data-id`, else its checkbox's) and
 * whether the block lies inside the row and its action cell. Rows with no id (`tr.loading`) are
 * skipped. */
function checkRows(roots: ShadowRoot[]): { rows: number; problems: string[] } {
  const blocks = roots
    .filter((r) => r.host.matches('[data-ksef-ext="layer"]'))
    .flatMap((r) => [...r.querySelectorAll<HTMLElement>('[data-ksef-ext="send"]')]);
  const problems: string[] = [];
  let rows = 0;
  if (document.querySelector('#table_invoices table [data-ksef-ext]'))
    problems.push('something of ours is in the table');
  for (const tr of document.querySelectorAll<HTMLElement>('#table_invoices tbody tr')) {
    const id = tr.getAttribute('data-id') ?? tr.querySelector<HTMLInputElement>('input[type="checkbox"]')?.value;
    const r = tr.getBoundingClientRect();
    if (!id || r.top > innerHeight || r.bottom < 0) continue;
    rows++;
    const mine = blocks.filter((b) => b.getAttribute('data-invoice-id') === id);
    if (mine.length !== 1) {
      problems.push(`row ${id}: ${mine.length} blocks`);
      continue;
    }
    const b = (mine[0] as HTMLElement).getBoundingClientRect();
    const cell = (tr.querySelector('td.actions') ?? tr.lastElementChild) as Element;
    const c = cell.getBoundingClientRect();
    if (Math.abs(b.top - r.top) > 1 || Math.abs(b.bottom - r.bottom) > 1)
      problems.push(`row ${id}: block not on its row`);
    if (b.left < c.left - 1 || b.right > c.right + 1) problems.push(`row ${id}: block outside its action cell`);
  }
  return { rows, problems };
}

/** Every row in view has one block, in its place; returns how many rows were checked. */
export async function expectOneBlockPerRow(page: Page): Promise<number> {
  let seen = 0;
  await expect(async () => {
    const { rows, problems } = await withRoots(page, checkRows, null);
    expect(problems).toEqual([]);
    expect(rows).toBeGreaterThan(0);
    seen = rows;
  }).toPass({ timeout: 10_000 });
  return seen;
}

/**
 * Decorates Base's invoice list: one KSeF icon per row, again after every AJAX reload or page
 * change (base.md §2.3: tables are refilled from ajax_table_common.php), never twice per row.
 */
import { rowInvoiceId, SEL } from '../base/selectors';
import { createRowButton } from './row-button';

export interface PanelOptions {
  title: string;
  onSend: (invoiceId: string) => void;
}

/** Adds the icon to every row that lacks one; returns how many were added. */
export function decorateRows(doc: Document, opts: PanelOptions): number {
  let added = 0;
  for (const row of doc.querySelectorAll(SEL.invoiceRows)) {
    if (row.querySelector(SEL.injected)) continue;
    const id = rowInvoiceId(row);
    if (!id) continue;
    const cell = row.querySelector(SEL.rowActions) ?? row.lastElementChild;
    if (!cell) continue;
    cell.append(createRowButton(doc, { invoiceId: id, title: opts.title, onClick: opts.onSend }));
    added++;
  }
  return added;
}

/** Decorates now and after each change of the page; returns a function that stops watching. */
export function watchPanel(doc: Document, opts: PanelOptions): () => void {
  decorateRows(doc, opts);
  let scheduled = false;
  const observer = new MutationObserver(() => {
    // Batch a burst of mutations (a table refill) into one pass per frame.
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      decorateRows(doc, opts);
    });
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}

/**
 * One pass over the page (src/content/panel.ts, decorate): the invoice list's rows get their
 * entries in the tables' layers (src/content/row-layer.ts), the floating panel and the order block
 * come and go with the page (src/content/lists.ts), and the new rows are handed to the worker
 * (src/content/row-layer.ts draws their blocks, src/content/row-resolver.ts binds them).
 */
import { type BaseLayout, findInvoiceRows, mountCell, RESERVE_ATTR, rowRef } from '../base/panel/layouts';
import { isInvoiceArea, openOrderId } from '../base/selectors';
import { cancelFallback, orderCard, scheduleFallback } from './lists';
import type { Decorated, Panel, Pending } from './panel-state';
import { RowLayer } from './row-layer';
import { resolve } from './row-resolver';

/** Returns how many rows are new. Reads only each row's id and never touches Base's table. */
export function decorateRows(c: Panel): number {
  const { doc } = c.deps;
  const loc = c.deps.loc();
  const pending: Pending[] = [];
  const found = findInvoiceRows(doc, loc);
  const byTable = new Map<Element, Decorated[]>();
  if (found) {
    cancelFallback(c);
    const { layout } = found;
    const { read } = layout;
    for (const row of found.rows) {
      let entry = c.rows.get(row);
      if (entry === null) continue;
      // Base may reuse a row element for another invoice, or move its cells; a table taken off
      // the page and put back has lost its layer.
      if (
        entry &&
        (entry.candidate !== read.id(row) ||
          entry.cell.parentNode !== row ||
          c.layers.get(entry.layer.table) !== entry.layer)
      )
        entry = undefined;
      if (!entry) {
        // Only the id is read now: a 1,000-row list must be decorated within one frame.
        const id = read.id(row);
        const ref = id ? { row, id, number: null, orderId: null } : rowRef(row, layout);
        const cell = ref && mountCell(row, layout);
        const table = row.closest('table');
        if (!ref || !cell || !table) {
          c.rows.set(row, null);
          continue;
        }
        entry = {
          row,
          cell,
          id: ref.id,
          bound: false,
          widget: null,
          placed: '',
          candidate: ref.id,
          layer: layerOf(c, table, cell, layout),
        };
        c.rows.set(row, entry);
        pending.push({ ...ref, entry, read, lazy: id !== null });
      }
      const list = byTable.get(entry.layer.table) ?? [];
      list.push(entry);
      byTable.set(entry.layer.table, list);
    }
  } else if (isInvoiceArea(loc) && !openOrderId(loc)) {
    scheduleFallback(c);
  } else {
    cancelFallback(c);
  }
  for (const [table, layer] of c.layers) {
    const entries = byTable.get(table);
    if (entries && table.isConnected) {
      layer.setEntries(entries);
      layer.attach();
    } else {
      layer.remove();
      c.layers.delete(table);
    }
  }
  if (byTable.size > 0) c.scheduleSync();
  orderCard(c, loc);
  if (pending.length > 0) c.track(resolve(c, pending));
  return pending.length;
}

/** The layer of a table, made on first use. A table whose mount cells the stylesheet did not
 * pad before the first layout (the layout declares no such cells, or this row's cell is not one
 * of them) is marked with the layout's name now, at the cost of one table layout. */
function layerOf(c: Panel, table: Element, cell: Element, layout: BaseLayout): RowLayer {
  let layer = c.layers.get(table);
  if (!layer) {
    const { px, cells } = layout.reserve;
    layer = new RowLayer(c.ctx, table, c.geo, px);
    c.layers.set(table, layer);
    c.resizeObserver?.observe(table);
    if (!(cells && cell.matches(cells)) && !table.hasAttribute(RESERVE_ATTR))
      table.setAttribute(RESERVE_ATTR, layout.name);
  }
  return layer;
}

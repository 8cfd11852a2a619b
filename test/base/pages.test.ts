/** The fake panel pages follow the stand-in layout of docs/base.md §2.4 and its variants. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BaseSim, makeDemoDataset, startBaseSim } from '../sim/base';

let sim: BaseSim;
beforeAll(async () => {
  sim = await startBaseSim();
});
afterAll(() => sim.close());
const get = (p: string) => fetch(sim.origin + p).then((r) => r.text());
const ids = (html: string) => [...html.matchAll(/<tr data-id="(\d+)">/g)].map((m) => Number(m[1]));

describe('invoice list pages', () => {
  it('server-rendered list: rows with checkbox, number, order link and actions, paginated', async () => {
    const p1 = await get('/invoices.php');
    expect(p1).toContain('<div id="table_invoices"');
    const first = ids(p1);
    expect(first).toHaveLength(20);
    const id = first[0]!;
    expect(p1).toContain(`<input type="checkbox" name="sel[]" value="${id}">`);
    expect(p1).toMatch(/<a href="orders\.php#order:\d+">\d+<\/a>/);
    expect(p1).toContain('<td class="actions">');
    const p2 = ids(await get('/invoices.php?page=2'));
    const p3 = ids(await get('/invoices.php?page=3'));
    expect(new Set([...first, ...p2, ...p3]).size).toBe(makeDemoDataset().invoices.length);
  });

  it('AJAX variant loads tbody rows from ajax_table_common.php', async () => {
    const page = await get('/invoices.php?variant=ajax');
    expect(page).toContain('ajax_table_common.php?table=invoices&page=');
    expect(ids(page)).toHaveLength(0);
    const data = (await fetch(`${sim.origin}/ajax_table_common.php?table=invoices&page=2`).then((r) => r.json())) as {
      html: string;
      pages: number;
    };
    expect(ids(data.html)).toHaveLength(20);
    expect(data.pages).toBe(3);
  });

  it('unknown layout has no #table_invoices, and the order card reads the hash', async () => {
    const u = await get('/invoices.php?variant=unknown');
    expect(u).not.toContain('table_invoices');
    expect(u).toContain('data-document=');
    const o = await get('/orders.php');
    expect(o).toContain('id="pnl_order_info"');
    expect(o).toContain('#order:');
  });
});

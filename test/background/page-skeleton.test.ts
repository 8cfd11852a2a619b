// @vitest-environment happy-dom
/** "Zgłoś układ strony": only the page's shape leaves the seller's browser, never its data. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { skeletonOf } from '../../src/background/page-skeleton';

const fixture = (name: string) => {
  const html = readFileSync(resolve(import.meta.dirname, '../fixtures/base', name), 'utf8');
  return /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
};

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('skeletonOf', () => {
  it('keeps tags, ids, classes, attribute names and the table shape of the invoice list', () => {
    document.body.innerHTML = fixture('invoice-list.html');
    const s = skeletonOf(document);
    expect(s.split('\n')[0]).toBe('html');
    expect(s).toContain('div#table_invoices');
    expect(s).toMatch(/table.* \(rows \d+, cols \d+\)/);
    expect(s).toContain('tr[data-id]');
    expect(s).toContain('td.actions');
    expect(s).toContain('input[name type value]');
    expect(s).toContain('a.invoice_number[href]');
  });

  it('lets no invoice text, number, NIP, amount or attribute value through', () => {
    document.body.innerHTML = `${fixture('invoice-list.html')}
      <div id="buyer-5261297912" class="nip-5261297912 order-91822410" data-nip="5261297912" title="Nowak Serwis">
        <input name="q" value="FV/12/05/2026"><textarea>Jan Kowalski, ul. Długa 5</textarea>
        <span aria-label="FV/214/05/2026">1 353,50 zł</span>
      </div>`;
    const s = skeletonOf(document);
    for (const data of [
      '214/05/2026/FV',
      '48211937',
      '5261297912',
      '91822410',
      'Nowak',
      'Kowalski',
      'Müller',
      'Długa',
      '353',
      'FV/12',
      'zł',
    ])
      expect(s).not.toContain(data);
    // No digit survives but the skeleton's own counts: ids and classes keep their shape with
    // every number as 0.
    expect(s.replace(/ ×\d+/g, '').replace(/\(rows \d+, cols \d+\)/g, '')).not.toMatch(/[1-9]/);
    expect(s).toContain('div#buyer-0.nip-0.order-0[data-nip title]');
  });

  it('leaves out scripts, styles and our own blocks, and folds long lists', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `<tr data-id="${i}"><td>${i}</td><td>x</td></tr>`).join('');
    document.body.innerHTML = `<script>var token = "secret";</script><style>.a{}</style>
      <div data-ksef-ext="panel"></div><table><tbody>${rows}</tbody></table>`;
    const s = skeletonOf(document);
    expect(s).not.toContain('script');
    expect(s).not.toContain('secret');
    expect(s).not.toContain('data-ksef-ext');
    expect(s).toContain('table (rows 500, cols 2)');
    expect(s).toContain('tr[data-id] ×500');
    expect(s.split('\n').length).toBeLessThan(12);
  });
});

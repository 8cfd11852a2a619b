/**
 * The floating KSeF panel for invoice-area pages whose layout the adapter does not recognise
 * (docs/architecture.md practice 8; docs/base.md §2.4 point 5): the recent invoices with the same actions
 * as the rows, so the product keeps working when Base changes its markup.
 */
import { el, shadowHost } from './dom';
import CSS from './fallback.css?inline';
import { fillList, LIST_CSS, listMessage } from './invoice-list';
import { errorText } from './sender';
import type { WidgetContext } from './widget';

export class FallbackPanel {
  readonly host: HTMLElement;
  readonly #ctx: WidgetContext;
  readonly #list: HTMLElement;

  constructor(ctx: WidgetContext) {
    this.#ctx = ctx;
    const { doc, t } = ctx;
    let root: ShadowRoot;
    [this.host, root] = shadowHost(doc, 'div', 'panel', LIST_CSS, CSS);
    const p = el(doc, 'section', 'p');
    p.setAttribute('aria-label', t('panelTitle'));
    const h = el(doc, 'div', 'h');
    const title = el(doc, 'strong', '', t('panelTitle'));
    const toggle = el(doc, 'button', 'tg');
    const body = el(doc, 'div', 'b');
    this.#list = el(doc, 'ul');
    body.append(this.#list);
    const setOpen = (open: boolean) => {
      body.hidden = !open;
      toggle.textContent = open ? '–' : '+';
      toggle.setAttribute('aria-expanded', String(open));
      toggle.setAttribute('aria-label', open ? t('panelHide') : t('panelShow'));
    };
    toggle.addEventListener('click', (e) => e.isTrusted && setOpen(body.hidden === true));
    setOpen(true);
    // "Zgłoś układ strony": the worker reads this page's shape and saves it as a file (only on
    // the user's own click).
    const report = el(doc, 'button', 'r', t('layout'));
    report.title = t('layoutTitle');
    const status = el(doc, 'p', 's');
    status.setAttribute('role', 'status');
    report.addEventListener('click', async (e) => {
      if (!e.isTrusted) return;
      report.disabled = true;
      try {
        const { fileName } = await ctx.send('page.layout', {});
        status.className = 's';
        status.textContent = `${t('layoutSaved')} ${fileName}`;
      } catch (err) {
        status.className = 's err';
        status.textContent = errorText(err, t('failed'));
      }
      report.disabled = false;
    });
    h.append(title, report, toggle);
    p.append(h, status, body);
    root.append(p);
    listMessage(doc, this.#list, t('loading'));
  }

  async load(): Promise<void> {
    const { send, t, doc } = this.#ctx;
    try {
      const { items } = await send('invoices.recent', { limit: 20 });
      fillList(this.#ctx, this.#list, items, t('panelEmpty'));
    } catch (err) {
      listMessage(doc, this.#list, errorText(err, t('failed')), true);
    }
  }
}

/**
 * The KSeF block on Base's order card (`orders.php#order:<id>`, docs/base.md §2.2–2.3): the order's
 * invoice with the same actions as a list row, placed right after `#pnl_order_info`.
 */
import { el, shadowHost } from './dom';
import { fillList, LIST_CSS, listMessage } from './invoice-list';
import CSS from './order-card.css?inline';
import { errorText } from './sender';
import type { WidgetContext } from './widget';

export class OrderBlock {
  readonly host: HTMLElement;
  readonly #ctx: WidgetContext;
  readonly #list: HTMLElement;

  constructor(
    ctx: WidgetContext,
    readonly orderId: string,
  ) {
    this.#ctx = ctx;
    const { doc, t } = ctx;
    let root: ShadowRoot;
    [this.host, root] = shadowHost(doc, 'div', 'order', LIST_CSS, CSS);
    this.host.setAttribute('data-order-id', orderId);
    const box = el(doc, 'section', 'o');
    box.setAttribute('aria-label', `${t('orderTitle')} ${orderId}`);
    const h = el(doc, 'h3', '', t('orderTitle'));
    this.#list = el(doc, 'ul');
    box.append(h, this.#list);
    root.append(box);
    listMessage(doc, this.#list, t('loading'));
  }

  async load(): Promise<void> {
    const { send, t, doc } = this.#ctx;
    try {
      const { items } = await send('invoices.forOrder', { orderId: this.orderId });
      fillList(this.#ctx, this.#list, items, t('orderNone'));
    } catch (err) {
      listMessage(doc, this.#list, errorText(err, t('failed')), true);
    }
  }
}

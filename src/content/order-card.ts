/**
 * The KSeF block on Base's order card (`orders.php#order:<id>`, docs/base.md §2.2–2.3): the order's
 * invoice with the same actions as a list row, placed right after `#pnl_order_info`.
 */
import { fillList, listMessage, listSheet } from './invoice-list';
import { errorText } from './sender';
import type { WidgetContext } from './widget';

const CSS = `
:host { display: block; margin: 10px 0; }
.o { border: 1px solid #dde2ea; border-radius: 4px; padding: 8px 12px; background: #fff; }
h3 { font-size: 14px; margin: 0 0 4px; }
`;

export class OrderBlock {
  readonly host: HTMLElement;
  private readonly list: HTMLElement;

  constructor(
    private readonly ctx: WidgetContext,
    readonly orderId: string,
  ) {
    const { doc, t } = ctx;
    this.host = doc.createElement('div');
    this.host.setAttribute('data-ksef-ext', 'order');
    this.host.setAttribute('data-order-id', orderId);
    const root = this.host.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = listSheet(CSS);
    const box = doc.createElement('section');
    box.className = 'o';
    box.setAttribute('aria-label', `${t('orderTitle')} ${orderId}`);
    const h = doc.createElement('h3');
    h.textContent = t('orderTitle');
    this.list = doc.createElement('ul');
    box.append(h, this.list);
    root.append(box);
    listMessage(doc, this.list, t('loading'));
  }

  async load(): Promise<void> {
    const { send, t, doc } = this.ctx;
    try {
      const { items } = await send('invoices.forOrder', { orderId: this.orderId });
      fillList(this.ctx, this.list, items, t('orderNone'));
    } catch (err) {
      listMessage(doc, this.list, errorText(err, t('failed')), true);
    }
  }
}

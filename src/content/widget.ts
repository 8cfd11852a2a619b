/**
 * The KSeF block of one invoice: the send icon and the status badge, in one shadow root so Base's
 * Bootstrap 3 CSS and ours never mix (docs/base.md §2.4 point 4). Used in list rows, the fallback
 * panel and the order card. Plain DOM, no framework: the content bundle must stay under 12 KB
 * gzipped (test/bench/panel.ts), and a 1,000-row list must be decorated within one frame, so the shadow
 * content is cloned from one template and the stylesheet is shared by every row.
 */

import { blockedText, type T } from '../i18n/panel';
import type { InvoiceView } from '../messaging';
import { badgeNodes, rowNodes } from './badge';
import { el, shadowHost } from './dom';
import { parseQrSvg } from './qr-svg';
import { errorText, type Sender } from './sender';
import type { ViewStore } from './store';
import WIDGET_CSS from './widget.css?inline';

export { formatWarsaw } from './badge';

/** The send icon: a red "K" drawn by CSS, not an inline SVG. One element per row keeps a
 * 1,000-row list within a frame; the accessible name comes from aria-label. */
const templates = new WeakMap<Document, Map<string, HTMLButtonElement>>();
function sendButton(doc: Document, label: string): HTMLButtonElement {
  let byLabel = templates.get(doc);
  if (!byLabel) {
    byLabel = new Map();
    templates.set(doc, byLabel);
  }
  let t = byLabel.get(label);
  if (!t) {
    t = el(doc, 'button', 'send', 'K');
    t.title = label;
    t.setAttribute('aria-label', label);
    byLabel.set(label, t);
  }
  return t.cloneNode(true) as HTMLButtonElement;
}

export interface WidgetContext {
  doc: Document;
  t: T;
  send: Sender;
  store: ViewStore;
  /** Copies text; defaults to the async clipboard API. */
  copy?: ((text: string) => Promise<void>) | undefined;
}

export class InvoiceWidget {
  readonly host: HTMLElement;
  // `#` members: private to the block, and shortened in the bundle (src/content/panel-state.ts).
  readonly #ctx: WidgetContext;
  readonly #row: boolean;
  readonly #root: ShadowRoot;
  readonly #button: HTMLButtonElement;
  #badgeEl: HTMLElement | null = null;
  #msgEl: HTMLElement | null = null;
  #invoiceId: string | null = null;
  #view: InvoiceView | null = null;
  #rendered = '';
  #busy = false;
  #qrOpen = false;
  #moreOpen = false;
  #bound = false;

  /** `invoiceId` is the row's candidate id (null when the row only shows a number or an order
   * link: the host stays hidden until the worker names the invoice, see `bind`). `row`: the
   * compact two-line form of a list row (src/content/row-layer.ts); the fallback panel and the
   * order card show everything inline. */
  constructor(ctx: WidgetContext, invoiceId: string | null, row = false) {
    this.#ctx = ctx;
    this.#row = row;
    const { doc, t } = ctx;
    [this.host, this.#root] = shadowHost(doc, 'span', 'send', WIDGET_CSS);
    if (row) this.host.setAttribute('data-mode', 'row');
    this.#button = sendButton(doc, t('send'));
    this.#root.append(this.#button);
    // Only the user's own clicks and keys: an event a script made (`isTrusted` false) does nothing.
    this.#root.addEventListener('click', (e) => e.isTrusted && this.#onClick(e));
    if (row)
      this.#root.addEventListener(
        'keydown',
        (e) => e.isTrusted && (e as KeyboardEvent).key === 'Escape' && this.closeMore(),
      );
    if (invoiceId) this.#setId(invoiceId);
    else this.host.hidden = true;
  }

  get id(): string | null {
    return this.#invoiceId;
  }

  #setId(id: string): void {
    this.#invoiceId = id;
    this.host.setAttribute('data-invoice-id', id);
  }

  /** Ties the widget to a Base invoice the worker knows and shows its state from now on. */
  bind(invoiceId: string): void {
    if (this.#invoiceId !== invoiceId) this.#setId(invoiceId);
    this.host.hidden = false;
    if (this.#bound) return;
    this.#bound = true;
    this.#ctx.store.listen(invoiceId, {
      update: (v) => this.#render(v),
      alive: () => this.host.isConnected,
    });
  }

  /** The badge and the message line are made on first use: most rows never need them. */
  get #badge(): HTMLElement {
    if (!this.#badgeEl) {
      this.#badgeEl = el(this.#ctx.doc, 'span', 'badge');
      this.#button.after(this.#badgeEl);
    }
    return this.#badgeEl;
  }

  /** Shows a short message in the row (an error from the worker, "copied"…). */
  #say(text: string, ok = false): void {
    if (!this.#msgEl) {
      if (!text) return;
      this.#msgEl = el(this.#ctx.doc, 'span', 'msg');
      this.#msgEl.setAttribute('role', 'status');
      this.#root.append(this.#msgEl);
    }
    const m = this.#msgEl;
    m.textContent = m.title = text;
    m.classList.toggle('ok', ok);
    const show = (on: boolean) => {
      m.hidden = !on;
      this.host.toggleAttribute('data-msg', on);
    };
    show(text !== '');
    // A confirmation ("copied") goes away by itself; an error stays until the next action or
    // until the invoice's state changes.
    if (ok) setTimeout(() => m.textContent === text && show(false), 2500);
  }

  #render(v: InvoiceView): void {
    // A new state makes an old error stale (a send the worker finished after a restart).
    if (this.#view && this.#view.state !== v.state) this.#say('');
    this.#view = v;
    const key = JSON.stringify(v);
    if (key === this.#rendered) return;
    this.#rendered = key;
    const { t } = this.#ctx;
    // Not configured yet: the icon says so in words and opens the settings.
    const setup = v.blocked === 'not-configured';
    const b = this.#button;
    b.disabled = this.#busy || (v.blocked !== undefined && !setup);
    b.classList.toggle('setup', setup);
    const text = setup ? t('setup') : 'K';
    if (b.textContent !== text) b.textContent = text;
    const title = v.blocked ? blockedText(t, v.blocked) : t('send');
    if (b.title !== title) b.title = title;
    // A row's block sits in a layer beside the table, not in the row: its name says which invoice.
    const name = setup ? t('setup') : this.#row && v.number ? `${t('send')}: ${v.number}` : t('send');
    if (b.getAttribute('aria-label') !== name) b.setAttribute('aria-label', name);
    const nodes = badgeNodes(this.#ctx.doc, t, v);
    if (nodes.length > 0 || this.#badgeEl) {
      this.#badge.replaceChildren(...(this.#row ? rowNodes(this.#ctx.doc, this.host, nodes, this.#moreOpen) : nodes));
      this.#badge.setAttribute('data-state', v.state ?? '');
    }
    this.#qrOpen = false;
  }

  /** Closes the opened part of a row (Escape, or a click elsewhere: src/content/row-layer.ts). */
  closeMore(): void {
    const btn = this.#moreOpen && this.#root.querySelector<HTMLElement>('[data-action="more"]');
    if (btn) this.#toggleMore(btn);
  }

  #toggleMore(btn: HTMLElement): void {
    const more = this.#badgeEl?.querySelector<HTMLElement>('.more');
    if (!more) return;
    this.#moreOpen = more.hidden !== false;
    more.hidden = !this.#moreOpen;
    btn.setAttribute('aria-expanded', String(this.#moreOpen));
    this.host.toggleAttribute('data-open', this.#moreOpen);
  }

  async #onClick(e: Event): Promise<void> {
    const target = (e.target as Element | null)?.closest?.('button');
    if (!target || !this.#invoiceId) return;
    e.preventDefault();
    e.stopPropagation();
    const id = this.#invoiceId;
    const action =
      target !== this.#button
        ? target.getAttribute('data-action')
        : this.#view?.blocked === 'not-configured'
          ? 'setup'
          : 'send';
    const { send, t, store } = this.#ctx;
    switch (action) {
      case 'send':
      case 'resend': {
        if (this.#busy) return;
        this.#busy = true;
        this.#button.disabled = true;
        (target as HTMLButtonElement).disabled = true;
        this.#say('');
        const before = this.#view?.state;
        try {
          const { item } = await send(action === 'send' ? 'invoice.send' : 'invoice.resend', { invoiceId: id });
          this.#busy = false;
          this.#rendered = '';
          store.put([item]);
          if (!this.#bound) this.#render(item);
        } catch (err) {
          this.#busy = false;
          (target as HTMLButtonElement).disabled = false;
          this.#button.disabled = this.#view?.blocked !== undefined;
          // The invoice moved on meanwhile (the worker restarted and finished the send): the
          // failed reply says nothing about it any more.
          if (this.#view?.state === before) this.#say(errorText(err, t('failed')));
        }
        return;
      }
      case 'copy': {
        const n = this.#view?.ksefNumber;
        if (!n) return;
        try {
          await (this.#ctx.copy ?? ((s: string) => navigator.clipboard.writeText(s)))(n);
          this.#say(t('copied'), true);
        } catch {
          this.#say(t('copyFailed'));
        }
        return;
      }
      case 'pdf':
      case 'setup':
        // The print page or the settings open in a tab of their own: the popover has done its job.
        this.closeMore();
        try {
          await (action === 'pdf' ? send('invoice.openPrint', { invoiceId: id }) : send('options.open', {}));
        } catch (err) {
          this.#say(errorText(err, t('failed')));
        }
        return;
      case 'qr':
        await this.#toggleQr(target as HTMLButtonElement);
        return;
      case 'more':
        this.#toggleMore(target);
        return;
    }
  }

  async #toggleQr(btn: HTMLButtonElement): Promise<void> {
    const { t, send, doc } = this.#ctx;
    const old = this.#root.querySelector('.qr');
    if (this.#qrOpen && old) {
      old.remove();
      this.#qrOpen = false;
      btn.textContent = t('qr');
      return;
    }
    let res: { kod1Svg: string | null; kod2Svg: string | null };
    try {
      res = await send('invoice.qr', { invoiceId: this.#invoiceId ?? '' });
    } catch (err) {
      this.#say(errorText(err, t('failed')));
      return;
    }
    const box = el(doc, 'span', 'qr');
    for (const markup of [res.kod1Svg, res.kod2Svg]) {
      if (markup === null) continue;
      const svg = parseQrSvg(doc, markup);
      if (!svg) {
        this.#say(t('qrBad'));
        return;
      }
      box.append(svg);
    }
    if (!box.firstChild) {
      this.#say(t('qrNone'));
      return;
    }
    // Next to the button: inline in a list item, inside the opened part of a row.
    (btn.parentElement ?? this.#badge).append(box);
    this.#qrOpen = true;
    btn.textContent = t('qrHide');
  }
}

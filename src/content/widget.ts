/**
 * The KSeF block of one invoice: the send icon and the status badge, in one shadow root so Base's
 * Bootstrap 3 CSS and ours never mix (docs/base.md §2.4 point 4). Used in list rows, the fallback
 * panel and the order card. Plain DOM, no framework: the content bundle must stay under 15 KB
 * gzipped, and a 1,000-row list must be decorated within one frame, so the shadow
 * content is cloned from one template and the stylesheet is shared by every row.
 */

import { blockedText, type T } from '../i18n/panel';
import type { InvoiceView } from '../messaging';
import { parseQrSvg } from './qr-svg';
import { errorText, type Sender } from './sender';
import type { ViewStore } from './store';

// Row mode (`data-mode=row`, src/content/row-layer.ts): the block floats over the room reserved
// in the row, two lines at most (icon + state, then the KSeF number or the reason); the rest opens
// under the state.
// The badge's parts wrap as the host's own flex items: icon, state and number stay on one line.
// The opened part (.more) sits left of the block, over its own row's cells: every row's block is
// in the same column, so it never covers the next row's block. A row's message takes the second
// line's place, cut to it (whole in its title): it never spills over the next row. (No comments
// inside the CSS text: they would ship in the content bundle.)
const CSS = `
:host { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 4px; vertical-align: middle; margin-left: 4px;
  font: 12px/1.4 system-ui, sans-serif; color: #222; }
:host([hidden]) { display: none; }
button { font: inherit; cursor: pointer; }
.send { all: unset; cursor: pointer; box-sizing: border-box; width: 20px; height: 20px; border-radius: 3px; text-align: center;
  font: 700 12px/20px system-ui, sans-serif; color: #fff; background: #d7141a; }
.send:hover { background: #a80f14; }
.send:focus-visible { outline: 2px solid #2a6ebb; outline-offset: 1px; }
.send:disabled { cursor: not-allowed; opacity: .4; }
.send.setup { width: auto; padding: 0 6px; }
.badge { display: contents; }
.b { display: inline-block; padding: 1px 6px; border-radius: 9px; font-weight: 600; font-size: 11px; white-space: nowrap; }
.proc { background: #fff4d6; color: #7a5600; }
.acc { background: #ddf3e2; color: #14642c; }
.rej { background: #fde2e1; color: #a1130c; }
.att { background: #fde9d4; color: #8a4300; }
.off { background: #e5e9f2; color: #2f3d5c; }
.env { background: #fff; color: #7a5600; border: 1px solid #e0b84d; }
.lnk { all: unset; cursor: pointer; color: #2a6ebb; text-decoration: underline; }
.num { all: unset; cursor: copy; user-select: all; font-family: ui-monospace, monospace; font-size: 11px; border-bottom: 1px dashed #999; }
.muted { color: #666; font-size: 11px; }
.warn { color: #a1130c; font-size: 11px; }
.reason { color: #a1130c; font-size: 11px; max-width: 28em; }
.msg { display: block; width: 100%; font-size: 11px; color: #a1130c; }
.msg.ok { color: #14642c; }
.msg[hidden] { display: none; }
.qr { display: flex; gap: 8px; width: 100%; padding: 4px 0; }
.qr svg { width: 132px; height: auto; background: #fff; }
:host([data-mode=row]) { position: absolute; display: flex; align-content: center; margin: 0; row-gap: 1px;
  box-sizing: border-box; overflow: visible; }
:host([data-open]) { z-index: 1; }
button.b { border: 0; cursor: pointer; }
button.b:focus-visible { outline: 2px solid #2a6ebb; outline-offset: 1px; }
.l2 { flex-basis: 100%; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
:host([data-mode=row]) .num { font-size: 10px; }
:host([data-mode=row]) .reason { max-width: none; }
.more { position: absolute; top: 0; right: 100%; margin-right: 4px; display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  width: max-content; max-width: 300px; padding: 6px 8px; background: #fff; border: 1px solid #cfd6e0;
  border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
.more[hidden] { display: none; }
:host([data-mode=row]) .msg { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
:host([data-msg]) .l2 { display: none; }
`;

let sheet: CSSStyleSheet | null = null;
function sharedSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

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
    t = doc.createElement('button');
    t.type = 'button';
    t.className = 'send';
    t.textContent = 'K';
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

/** `2026-05-13T10:15:00Z` → `2026-05-13 12:15` (Warsaw time, as KSeF's own tools show it). */
let warsaw: Intl.DateTimeFormat | null = null;
export function formatWarsaw(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // One formatter for the page: making one per row costs more than the rest of the badge.
  warsaw ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return warsaw.format(d).replace(',', '');
}

export class InvoiceWidget {
  readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly button: HTMLButtonElement;
  private badgeEl: HTMLElement | null = null;
  private msgEl: HTMLElement | null = null;
  private invoiceId: string | null = null;
  private view: InvoiceView | null = null;
  private rendered = '';
  private busy = false;
  private qrOpen = false;
  private moreOpen = false;
  private bound = false;

  /** `invoiceId` is the row's candidate id (null when the row only shows a number or an order
   * link: the host stays hidden until the worker names the invoice, see `bind`). `row`: the
   * compact two-line form of a list row (src/content/row-layer.ts); the fallback panel and the
   * order card show everything inline. */
  constructor(
    private readonly ctx: WidgetContext,
    invoiceId: string | null,
    private readonly row = false,
  ) {
    const { doc, t } = ctx;
    this.host = doc.createElement('span');
    this.host.setAttribute('data-ksef-ext', 'send');
    if (row) this.host.setAttribute('data-mode', 'row');
    // Closed: a script of the page can neither reach the buttons nor read the invoice's state.
    this.root = this.host.attachShadow({ mode: 'closed' });
    this.root.adoptedStyleSheets = [sharedSheet()];
    this.button = sendButton(doc, t('send'));
    this.root.append(this.button);
    // Only the user's own clicks and keys: an event a script made (`isTrusted` false) does nothing.
    this.root.addEventListener('click', (e) => e.isTrusted && this.onClick(e));
    if (row)
      this.root.addEventListener(
        'keydown',
        (e) => e.isTrusted && (e as KeyboardEvent).key === 'Escape' && this.closeMore(),
      );
    if (invoiceId) this.setId(invoiceId);
    else this.host.hidden = true;
  }

  get id(): string | null {
    return this.invoiceId;
  }

  private setId(id: string): void {
    this.invoiceId = id;
    this.host.setAttribute('data-invoice-id', id);
  }

  /** Ties the widget to a Base invoice the worker knows and shows its state from now on. */
  bind(invoiceId: string): void {
    if (this.invoiceId !== invoiceId) this.setId(invoiceId);
    this.host.hidden = false;
    if (this.bound) return;
    this.bound = true;
    this.ctx.store.listen(invoiceId, {
      update: (v) => this.render(v),
      alive: () => this.host.isConnected,
    });
  }

  /** The badge and the message line are made on first use: most rows never need them. */
  private get badge(): HTMLElement {
    if (!this.badgeEl) {
      this.badgeEl = this.el('span', 'badge');
      this.button.after(this.badgeEl);
    }
    return this.badgeEl;
  }

  /** Shows a short message in the row (an error from the worker, "copied"…). */
  say(text: string, ok = false): void {
    if (!this.msgEl) {
      if (!text) return;
      this.msgEl = this.el('span', 'msg');
      this.msgEl.setAttribute('role', 'status');
      this.root.append(this.msgEl);
    }
    const el = this.msgEl;
    el.textContent = el.title = text;
    el.classList.toggle('ok', ok);
    const show = (on: boolean) => {
      el.hidden = !on;
      this.host.toggleAttribute('data-msg', on);
    };
    show(text !== '');
    // A confirmation ("copied") goes away by itself; an error stays until the next action or
    // until the invoice's state changes.
    if (ok) setTimeout(() => el.textContent === text && show(false), 2500);
  }

  render(v: InvoiceView): void {
    // A new state makes an old error stale (a send the worker finished after a restart).
    if (this.view && this.view.state !== v.state) this.say('');
    this.view = v;
    const key = JSON.stringify(v);
    if (key === this.rendered) return;
    this.rendered = key;
    const { t } = this.ctx;
    // Not configured yet: the icon says so in words and opens the settings.
    const setup = v.blocked === 'not-configured';
    const b = this.button;
    b.disabled = this.busy || (v.blocked !== undefined && !setup);
    b.classList.toggle('setup', setup);
    const text = setup ? t('setup') : 'K';
    if (b.textContent !== text) b.textContent = text;
    const title = v.blocked ? blockedText(t, v.blocked) : t('send');
    if (b.title !== title) b.title = title;
    // A row's block sits in a layer beside the table, not in the row: its name says which invoice.
    const name = setup ? t('setup') : this.row && v.number ? `${t('send')}: ${v.number}` : t('send');
    if (b.getAttribute('aria-label') !== name) b.setAttribute('aria-label', name);
    const nodes = this.badgeNodes(v);
    if (nodes.length > 0 || this.badgeEl) {
      this.badge.replaceChildren(...(this.row ? this.rowNodes(nodes) : nodes));
      this.badge.setAttribute('data-state', v.state ?? '');
    }
    this.qrOpen = false;
  }

  /**
   * The row's two lines: the state (a button opening the rest when there is more) and, for a
   * rejection, "Wyślij ponownie" on the first; the KSeF number or the reason, cut to the
   * reserved width, on the second. Date, QR, PDF, the whole reason and warnings open under it.
   */
  private rowNodes(nodes: Node[]): Node[] {
    const els = nodes as HTMLElement[];
    const pill = els.find((e) => e.classList.contains('b'));
    if (!pill) return nodes;
    const line2 =
      els.find((e) => e.classList.contains('num') || e.classList.contains('reason') || e.classList.contains('sub')) ??
      els.find((e) => e.classList.contains('warn'));
    const resend = els.find((e) => e.getAttribute('data-action') === 'resend');
    const rest = els.filter((e) => e !== pill && e !== line2 && e !== resend);
    const out: Node[] = [];
    if (line2?.classList.contains('reason')) {
      line2.title = line2.textContent ?? '';
      // The whole reason is readable in the opened part; the row shows its start.
      rest.unshift(this.el('span', 'reason', line2.textContent ?? ''));
    } else if (line2?.classList.contains('warn')) line2.title = line2.textContent ?? '';
    if (rest.length === 0) out.push(pill);
    else {
      const toggle = this.el('button', pill.className, `${pill.textContent} ▾`, 'more');
      if (pill.title) toggle.title = pill.title;
      toggle.setAttribute('aria-expanded', String(this.moreOpen));
      out.push(toggle);
    }
    if (resend) out.push(resend);
    if (line2) {
      line2.classList.add('l2');
      out.push(line2);
    }
    if (rest.length > 0) {
      const more = this.el('span', 'more');
      more.append(...rest);
      more.hidden = !this.moreOpen;
      out.push(more);
    }
    this.host.toggleAttribute('data-open', this.moreOpen && rest.length > 0);
    return out;
  }

  /** Closes the opened part of a row (Escape, or a click elsewhere: src/content/row-layer.ts). */
  closeMore(): void {
    const btn = this.moreOpen && this.root.querySelector<HTMLElement>('[data-action="more"]');
    if (btn) this.toggleMore(btn);
  }

  private toggleMore(btn: HTMLElement): void {
    const more = this.badgeEl?.querySelector<HTMLElement>('.more');
    if (!more) return;
    this.moreOpen = more.hidden !== false;
    more.hidden = !this.moreOpen;
    btn.setAttribute('aria-expanded', String(this.moreOpen));
    this.host.toggleAttribute('data-open', this.moreOpen);
  }

  private el(tag: string, cls: string, text?: string, action?: string): HTMLElement {
    const e = this.ctx.doc.createElement(tag);
    e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (action) {
      e.setAttribute('data-action', action);
      if (tag === 'button') (e as HTMLButtonElement).type = 'button';
    }
    return e;
  }

  private badgeNodes(v: InvoiceView): Node[] {
    const { t } = this.ctx;
    const out: HTMLElement[] = [];
    const qrButton = () => this.el('button', 'lnk', t('qr'), 'qr');
    const today = formatWarsaw(new Date().toISOString()).slice(0, 10);
    const deadline = v.sendBy && v.issueDate && v.issueDate < today ? `${t('sendBy')} ${v.sendBy}` : '';
    const late = v.sendBy !== undefined && v.sendBy < today;
    let said = false;
    switch (v.state) {
      case undefined:
        break;
      case 'accepted': {
        out.push(this.el('span', 'b acc', t('accepted')));
        if (v.ksefNumber) {
          const num = this.el('button', 'num', v.ksefNumber, 'copy');
          num.title = t('copy');
          out.push(num);
        }
        if (v.processedAt) {
          const d = this.el('span', 'muted', formatWarsaw(v.processedAt));
          d.title = t('processedAt');
          out.push(d);
        }
        if (v.offline) out.push(this.el('span', 'b off', t('offline')));
        out.push(qrButton(), this.el('button', 'lnk', t('pdf'), 'pdf'));
        break;
      }
      case 'rejected': {
        out.push(this.el('span', 'b rej', t('rejected')));
        if (v.reason) out.push(this.el('span', 'reason', v.reason));
        const resend = this.el('button', 'lnk', t('resend'), 'resend');
        // §5: a rejected offline invoice goes again as a technical correction; say so.
        if (v.technicalCorrection) resend.title = t('resendCorrection');
        out.push(resend);
        break;
      }
      case 'needs-attention':
        out.push(this.el('span', 'b att', t('attention')));
        if (v.reason) out.push(this.el('span', 'reason', v.reason));
        break;
      default: {
        // queued, sending, processing: all "W przetwarzaniu" for the seller; the tooltip tells which.
        const b = this.el('span', 'b proc', t('processing'));
        const detail = v.state === 'queued' ? t('queued') : v.state === 'sending' ? t('sending') : t('processing');
        b.title = v.since ? `${detail} ${t('since')} ${formatWarsaw(v.since)}` : detail;
        out.push(b);
        // Under it: offline and until when it must reach KSeF, and why it waits ("czeka na Base").
        said = v.offline === true;
        const by = said && v.sendBy ? `${t('sendBy')} ${v.sendBy}` : '';
        const sub = [said && t('offline'), by, v.waiting].filter(Boolean).join(' · ');
        if (sub) out.push(this.el('span', `sub ${late ? 'warn' : 'muted'}`, sub));
        if (v.offline && v.kod1Url) out.push(qrButton());
      }
    }
    // KSeF's own details of a rejection (status 450 lists what is wrong), for the seller to read.
    const st = v.ksefStatus;
    if (st?.details?.length && (v.state === 'rejected' || v.state === 'needs-attention'))
      out.push(this.el('span', 'muted det', `KSeF ${st.code}: ${st.details.join('; ')}`));
    if (v.offlineWithoutCertificate) {
      const w = this.el('span', 'warn', `⚠ ${t('offlineNoCert')}`);
      out.push(w);
    }
    // Not in KSeF yet and its issue day is over: the offline deadline, red once it has passed
    // (said under the state of an offline invoice already).
    if (deadline && !said) out.push(this.el('span', late ? 'warn' : 'muted', deadline));
    // TEST / DEMO: said on the badge, so a trial send is never taken for the real one.
    if (v.env && v.state !== undefined) {
      const env = this.el('span', 'b env', v.env.toUpperCase());
      env.title = t('envTitle');
      out.splice(1, 0, env);
    }
    return out;
  }

  private async onClick(e: Event): Promise<void> {
    const target = (e.target as Element | null)?.closest?.('button');
    if (!target || !this.invoiceId) return;
    e.preventDefault();
    e.stopPropagation();
    const id = this.invoiceId;
    const action =
      target !== this.button
        ? target.getAttribute('data-action')
        : this.view?.blocked === 'not-configured'
          ? 'setup'
          : 'send';
    const { send, t, store } = this.ctx;
    switch (action) {
      case 'send':
      case 'resend': {
        if (this.busy) return;
        this.busy = true;
        this.button.disabled = true;
        (target as HTMLButtonElement).disabled = true;
        this.say('');
        const before = this.view?.state;
        try {
          const { item } = await send(action === 'send' ? 'invoice.send' : 'invoice.resend', { invoiceId: id });
          this.busy = false;
          this.rendered = '';
          store.put([item]);
          if (!this.bound) this.render(item);
        } catch (err) {
          this.busy = false;
          (target as HTMLButtonElement).disabled = false;
          this.button.disabled = this.view?.blocked !== undefined;
          // The invoice moved on meanwhile (the worker restarted and finished the send): the
          // failed reply says nothing about it any more.
          if (this.view?.state === before) this.say(errorText(err, t('failed')));
        }
        return;
      }
      case 'copy': {
        const n = this.view?.ksefNumber;
        if (!n) return;
        try {
          await (this.ctx.copy ?? ((s: string) => navigator.clipboard.writeText(s)))(n);
          this.say(t('copied'), true);
        } catch {
          this.say(t('copyFailed'));
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
          this.say(errorText(err, t('failed')));
        }
        return;
      case 'qr':
        await this.toggleQr(target as HTMLButtonElement);
        return;
      case 'more':
        this.toggleMore(target);
        return;
    }
  }

  private async toggleQr(btn: HTMLButtonElement): Promise<void> {
    const { t, send, doc } = this.ctx;
    const old = this.root.querySelector('.qr');
    if (this.qrOpen && old) {
      old.remove();
      this.qrOpen = false;
      btn.textContent = t('qr');
      return;
    }
    let res: { kod1Svg: string | null; kod2Svg: string | null };
    try {
      res = await send('invoice.qr', { invoiceId: this.invoiceId ?? '' });
    } catch (err) {
      this.say(errorText(err, t('failed')));
      return;
    }
    const box = this.el('span', 'qr');
    for (const markup of [res.kod1Svg, res.kod2Svg]) {
      if (markup === null) continue;
      const svg = parseQrSvg(doc, markup);
      if (!svg) {
        this.say(t('qrBad'));
        return;
      }
      box.append(svg);
    }
    if (!box.firstChild) {
      this.say(t('qrNone'));
      return;
    }
    // Next to the button: inline in a list item, inside the opened part of a row.
    (btn.parentElement ?? this.badge).append(box);
    this.qrOpen = true;
    btn.textContent = t('qrHide');
  }
}

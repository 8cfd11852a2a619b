/**
 * "Wyślij zaznaczone do KSeF (N)": the rows the seller ticked with Base's own checkboxes, sent
 * through the same command as the row icon, one invoice at a time, so the worker decides about
 * each (docs/architecture.md practice 2). Only the user's own click sends: ticks a script of the
 * page made are counted, but nothing leaves without that click.
 */
import { el, shadowHost } from './dom';
import { errorText } from './sender';
import CSS from './ticked.css?inline';
import type { WidgetContext } from './widget';

export class TickedBar {
  readonly host: HTMLElement;
  readonly #ctx: WidgetContext;
  readonly #ticked: () => string[];
  readonly #button: HTMLButtonElement;
  readonly #note: HTMLElement;
  #ids: string[] = [];
  #busy = false;

  /** `ticked`: the ticked invoices the worker knows and that may be sent now. */
  constructor(ctx: WidgetContext, ticked: () => string[]) {
    this.#ctx = ctx;
    this.#ticked = ticked;
    const { doc } = ctx;
    let root: ShadowRoot;
    [this.host, root] = shadowHost(doc, 'div', 'ticked', CSS);
    this.host.hidden = true;
    this.#note = el(doc, 'p');
    this.#note.setAttribute('role', 'status');
    this.#button = el(doc, 'button');
    this.#button.addEventListener('click', (e) => e.isTrusted && this.#sendAll());
    root.append(this.#note, this.#button);
  }

  /** Counts the ticks again (shown only while there is something to send or to say). */
  update(): void {
    if (this.#busy) return;
    this.#ids = this.#ticked();
    this.#button.textContent = `${this.#ctx.t('ticked')} (${this.#ids.length})`;
    this.host.hidden = this.#ids.length === 0 && !this.#note.textContent;
  }

  async #sendAll(): Promise<void> {
    if (this.#busy) return;
    const { send, store, t } = this.#ctx;
    this.#busy = this.#button.disabled = true;
    this.#note.textContent = '';
    let problem = '';
    for (const invoiceId of this.#ids) {
      try {
        store.put([(await send('invoice.send', { invoiceId })).item]);
      } catch (err) {
        // The worker's reason for this invoice (a limit, a refusal); the rest still go.
        problem = errorText(err, t('failed'));
      }
    }
    this.#busy = this.#button.disabled = false;
    this.#note.textContent = problem;
    this.update();
  }
}

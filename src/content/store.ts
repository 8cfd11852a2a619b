/**
 * What the panel knows about the invoices on screen, shared by every place that shows one (the
 * row, the fallback panel, the order card), so a send from one place updates all of them.
 */
import type { InvoiceView } from '../messaging';

export interface ViewListener {
  /** Called with the invoice's new view. */
  update(v: InvoiceView): void;
  /** False once the listener's element has left the page; it is then dropped. */
  alive(): boolean;
}

export class ViewStore {
  readonly #views = new Map<string, InvoiceView>();
  readonly #listeners = new Map<string, Set<ViewListener>>();

  get(invoiceId: string): InvoiceView | undefined {
    return this.#views.get(invoiceId);
  }

  /** Stores the views and tells whoever shows them. */
  put(items: readonly InvoiceView[]): void {
    for (const v of items) {
      this.#views.set(v.invoiceId, v);
      const set = this.#listeners.get(v.invoiceId);
      if (!set) continue;
      for (const l of set) {
        if (l.alive()) l.update(v);
        else set.delete(l);
      }
    }
  }

  listen(invoiceId: string, l: ViewListener): void {
    let set = this.#listeners.get(invoiceId);
    if (!set) {
      set = new Set();
      this.#listeners.set(invoiceId, set);
    }
    set.add(l);
    const v = this.#views.get(invoiceId);
    if (v) l.update(v);
  }

  /** Ids still shown somewhere on the page (what a live refresh must ask about). */
  shownIds(): string[] {
    const out: string[] = [];
    for (const [id, set] of this.#listeners) {
      for (const l of set) if (!l.alive()) set.delete(l);
      if (set.size > 0) out.push(id);
      else this.#listeners.delete(id);
    }
    return out;
  }
}

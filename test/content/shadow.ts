/**
 * The panel's shadow roots are closed (a script of Base's page must not reach them), so
 * `host.shadowRoot` is null. Unit tests (happy-dom) record every root as it is attached and read
 * it here; and since the panel ignores events a script made, tests mark their events as the
 * user's own (happy-dom has no `isTrusted`; in a browser it cannot be set).
 */
const roots = new WeakMap<Element, ShadowRoot>();
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
  const root = attach.call(this, init);
  roots.set(this, root);
  return root;
};

/** The (closed) shadow root of one of the panel's hosts. */
export function rootOf(host: Element | null | undefined): ShadowRoot | null {
  return host ? (roots.get(host) ?? null) : null;
}

/** `ev`, marked as made by the user. */
export function trusted<E extends Event>(ev: E): E {
  Object.defineProperty(ev, 'isTrusted', { value: true });
  return ev;
}

/** A click as the user makes it. */
export function userClick(el: Element): void {
  el.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true })));
}

/**
 * What the content script's entrypoint gets as its context, in place of wxt's ContentScriptContext
 * (wxt.config.ts points `wxt/utils/content-script-context` here for the build). wxt's class also
 * brings a location watcher, guarded timers and logging that the panel never uses: about 1 KB of the
 * content script's gzipped budget. Kept is only what the entrypoint uses, `onInvalidated`, with
 * wxt's own signal: a copy of the script that starts in the page announces itself with the same
 * "content-script-started" event, and older copies (also ones built with wxt's class) stop. wxt's
 * `signal`, `isValid` and `isInvalid` are left out too: nothing in the content script reads them,
 * and wxt's class itself only consults `isInvalid` from the timers and listeners it wraps.
 */
export class ContentScriptContext {
  readonly #ctrl = new AbortController();
  readonly #id = Math.random().toString(36).slice(2);

  /** wxt passes the entrypoint's options as well; the panel needs none of them. */
  constructor(contentScriptName: string) {
    const type = `${chrome.runtime?.id}:${contentScriptName}:wxt:content-script-started`;
    // Announce first, listen after: a copy must not stop itself.
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName, messageId: this.#id } }));
    const onStarted = (e: Event) => {
      const d = (e as CustomEvent<{ contentScriptName?: string; messageId?: string }>).detail;
      if (d?.contentScriptName === contentScriptName && d.messageId !== this.#id) this.#ctrl.abort();
    };
    document.addEventListener(type, onStarted);
    this.onInvalidated(() => document.removeEventListener(type, onStarted));
  }

  /** Runs `cb` once when this copy is replaced; returns a function that cancels it. */
  onInvalidated(cb: () => void): () => void {
    this.#ctrl.signal.addEventListener('abort', cb);
    return () => this.#ctrl.signal.removeEventListener('abort', cb);
  }
}

/**
 * What the content script's entrypoint gets as its context, in place of wxt's ContentScriptContext
 * (wxt.config.ts points `wxt/utils/content-script-context` here for the build). wxt's class also
 * brings a location watcher, guarded timers and logging that the panel never uses: about 1 KB of the
 * content script's gzipped budget. Kept is what the entrypoint uses, `onInvalidated`, with wxt's
 * own signal: a copy of the script that starts in the page announces itself with the same
 * "content-script-started" event, and older copies (also ones built with wxt's class) stop.
 */
export class ContentScriptContext {
  readonly #ctrl = new AbortController();
  readonly #id = Math.random().toString(36).slice(2);

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    const type = `${chrome.runtime?.id}:${contentScriptName}:wxt:content-script-started`;
    // Announce first, listen after: a copy must not stop itself.
    document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName, messageId: this.#id } }));
    const onStarted = (e: Event) => {
      const d = (e as CustomEvent<{ contentScriptName?: string; messageId?: string }>).detail;
      if (d?.contentScriptName === contentScriptName && d.messageId !== this.#id) this.#invalidate();
    };
    document.addEventListener(type, onStarted);
    this.onInvalidated(() => document.removeEventListener(type, onStarted));
  }

  get signal(): AbortSignal {
    return this.#ctrl.signal;
  }

  /** True once a newer copy started or the extension was reloaded (its runtime is gone). */
  get isInvalid(): boolean {
    if (chrome.runtime?.id == null) this.#invalidate();
    return this.#ctrl.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  /** Runs `cb` once when this copy is replaced; returns a function that cancels it. */
  onInvalidated(cb: () => void): () => void {
    this.#ctrl.signal.addEventListener('abort', cb);
    return () => this.#ctrl.signal.removeEventListener('abort', cb);
  }

  #invalidate(): void {
    this.#ctrl.abort('Content script context invalidated');
  }
}

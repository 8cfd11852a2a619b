/**
 * The worker's wiring: listeners are registered synchronously when the worker starts (an MV3
 * worker woken by an event must have its listener in place before the first await), and
 * handlers do the async work (architecture.md practice 1).
 */
import { browser, type Runtime } from '../platform/browser';
import { isPanelUrl } from '../platform/panel-url';
import { loadLang } from '../settings/lang';
import { translate } from '../ui/i18n';
import { createRouter, type Handlers } from './router';

export function startBackground(): void {
  const handlers: Handlers = {
    ping: async (_req, ctx) => ({ version: browser.runtime.getManifest().version, tier: ctx.tier }),
  };

  const self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
  // Refusal texts are looked up per message: the user may switch language at any time.
  let route: ReturnType<typeof createRouter> | null = null;
  const routerFor = async () => {
    const lang = await loadLang();
    route = createRouter(handlers, {
      self,
      isPanelUrl,
      texts: {
        forbidden: translate(lang, 'errForbidden'),
        unknown: translate(lang, 'errUnknownCommand'),
        failed: translate(lang, 'errFailed'),
      },
      // Only the command name and error class: never request bodies, which may hold secrets.
      onUnexpected: (cmd, err) => console.error(`[ksef] ${cmd} failed:`, err instanceof Error ? err.name : 'error'),
    });
    return route;
  };

  browser.runtime.onMessage.addListener((msg: unknown, sender: Runtime.MessageSender) => {
    // Returning undefined leaves foreign messages alone; a promise is the reply.
    if (typeof msg !== 'object' || msg === null || (msg as { ksef?: unknown }).ksef !== 1) return undefined;
    return routerFor().then((r) => r(msg, sender));
  });
}

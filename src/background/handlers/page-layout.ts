/**
 * The floating panel's and the rows' own tools: "Skonfiguruj KSeF" opens the settings, and
 * "Zgłoś układ strony" saves the skeleton of a panel page whose layout the adapter does not know
 * (docs/base.md §2.4 point 5), so the seller can send it to us. Also the panel's longer texts,
 * kept out of the content script's bundle.
 */
import { PANEL_LONG_TEXTS } from '../../content/long-texts';
import { browser } from '../../platform/browser';
import type { Handlers } from '../router';
import type { Services } from '../services';

export function pageLayoutHandlers(svc: Services): Handlers {
  return {
    'panel.texts': async () => ({ texts: { ...PANEL_LONG_TEXTS[await svc.lang()] } }),
    'options.open': async () => {
      await browser.runtime.openOptionsPage();
      return {};
    },
  };
}

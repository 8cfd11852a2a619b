/**
 * The floating panel's and the rows' own tools: "Skonfiguruj KSeF" opens the settings, and
 * "Zgłoś układ strony" saves the skeleton of a panel page whose layout the adapter does not know
 * (docs/base.md §2.4 point 5), so the seller can send it to us.
 */
import { browser } from '../../platform/browser';
import type { Handlers } from '../router';

export function pageLayoutHandlers(): Handlers {
  return {
    'options.open': async () => {
      await browser.runtime.openOptionsPage();
      return {};
    },
  };
}

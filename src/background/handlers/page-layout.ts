/**
 * The floating panel's and the rows' own tools: "Skonfiguruj KSeF" opens the settings, "Zgłoś
 * układ strony" saves the page's skeleton (src/background/services/page-layout.ts), and the
 * panel's longer texts, kept out of the content script's bundle.
 */
import { PANEL_LONG_TEXTS } from '../../i18n/panel-long';
import type { Handlers } from '../router';
import type { Services } from '../services';
import { openSettings } from '../services/extension-pages';
import { saveLayoutReport } from '../services/page-layout';

export function pageLayoutHandlers(svc: Services): Handlers {
  return {
    'panel.texts': async () => ({ texts: { ...PANEL_LONG_TEXTS[await svc.lang()] } }),
    'options.open': async () => {
      await openSettings();
      return {};
    },
    'page.layout': async (_req, ctx) => ({ fileName: await saveLayoutReport(svc, ctx.sender) }),
  };
}

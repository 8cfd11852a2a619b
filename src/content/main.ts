/**
 * Content-script wiring: reads the UI language, decorates the panel and keeps the badges live.
 * Every action goes to the worker by message (messaging.ts CONTENT_COMMANDS).
 */

import { UI_LANG_KEY as LANG_KEY } from '../core/lang';
import { contentT, langOf } from '../i18n/panel';
import type { Lang } from '../messaging';
import { OUTBOX_REVISION_KEY } from '../messaging';
import { browser, send } from '../platform/content-api';
import { PanelController } from './panel';
import type { Geometry } from './row-layer';

async function startPanel(lang: Lang, geometry?: Geometry): Promise<PanelController> {
  // The longer texts come from the worker (src/i18n/panel-long.ts); without an answer the
  // blocks still work, with fewer tooltips.
  const { texts } = await send('panel.texts', {}).catch(() => ({ texts: {} }));
  const panel = new PanelController({ doc: document, loc: () => location, send, t: contentT(lang, texts), geometry });
  panel.start(window);
  return panel;
}

/** Starts the panel integration; returns a function that stops it. `geometry` replaces the
 * browser's layout in tests (happy-dom has none). */
export async function startContent(geometry?: Geometry): Promise<() => void> {
  let lang = langOf((await browser.storage.local.get(LANG_KEY))[LANG_KEY]);
  let panel = await startPanel(lang, geometry);
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const next = LANG_KEY in changes ? langOf(changes[LANG_KEY]?.newValue) : lang;
    if (next !== lang) {
      // The user switched the language in the options: redraw every block in it (start()
      // replaces the old blocks).
      lang = next;
      panel.stop();
      void startPanel(lang, geometry).then((p) => {
        panel = p;
      });
      return;
    }
    // The worker bumps OUTBOX_REVISION_KEY after every outbox change (messaging.ts): re-ask it
    // about what is on screen, so badges change without reloading the page.
    if (OUTBOX_REVISION_KEY in changes) panel.outboxChanged();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => {
    browser.storage.onChanged.removeListener(onChanged);
    panel.stop();
  };
}

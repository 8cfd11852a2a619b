/**
 * Content-script wiring: reads the UI language, decorates the panel and keeps the badges live.
 * Every action goes to the worker by message (messaging.ts CONTENT_COMMANDS).
 */
import { OUTBOX_REVISION_KEY } from '../messaging';
import { browser } from '../platform/browser';
import { send } from '../platform/send';
import { contentT, LANG_KEY, langOf } from './i18n';
import { PanelController } from './panel';

/** Starts the panel integration; returns a function that stops it. */
export async function startContent(): Promise<() => void> {
  let lang = langOf((await browser.storage.local.get(LANG_KEY))[LANG_KEY]);
  const panel = new PanelController({
    doc: document,
    loc: () => location,
    send,
    t: (key) => contentT(lang)(key),
  });
  panel.start(window);
  // The worker bumps OUTBOX_REVISION_KEY after every outbox change (messaging.ts): re-ask it about
  // what is on screen, so badges change without reloading the page.
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (LANG_KEY in changes) lang = langOf(changes[LANG_KEY]?.newValue);
    if (OUTBOX_REVISION_KEY in changes) panel.outboxChanged();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => {
    browser.storage.onChanged.removeListener(onChanged);
    panel.stop();
  };
}

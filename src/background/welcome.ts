/** First run: the options page opens with a short welcome (what to configure, in what order). */
import { browser } from '../platform/browser';

export function openWelcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'install') return;
    void browser.tabs.create({ url: browser.runtime.getURL('/options.html#welcome') }).catch(() => undefined);
  });
}

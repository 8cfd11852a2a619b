/** The real platform for the extension pages (popup, options, print). */
import { browser } from '../../platform/browser';
import { missingHostOrigins, onHostAccessChanged, requestHostOrigins } from '../../platform/host-access';
import { send } from '../../platform/send';
import { loadLang, saveLang } from '../../settings/lang';
import type { UiPlatform } from './platform';

export function browserPlatform(): UiPlatform {
  return {
    send,
    onStorageChanged: (cb) => {
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area === 'local') cb(Object.keys(changes));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
    loadLang,
    saveLang,
    openOptions: () => void browser.runtime.openOptionsPage(),
    copyText: (text) => navigator.clipboard.writeText(text),
    now: () => Date.now(),
    hostAccess: { missing: missingHostOrigins, request: requestHostOrigins, onChanged: onHostAccessChanged },
  };
}

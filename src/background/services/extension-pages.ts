/** The extension's own pages opened for the panel: the print page of an invoice, the settings. */
import { browser } from '../../platform/browser';

/** The print page of one invoice, in a new tab (src/ui/print). */
export async function openPrintPage(id: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(`/print.html?invoice=${id}`) });
}

/** "Skonfiguruj KSeF" on an unconfigured panel. */
export async function openSettings(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/**
 * "Zgłoś układ strony" saves the skeleton of a panel page whose layout the adapter does not know
 * (docs/base.md §2.4 point 5), so the seller can send it to us.
 *
 * The skeleton is collected by the worker, not by the content script: `scripting.executeScript`
 * runs src/background/page-skeleton.ts in the seller's tab, so the content script carries none of
 * it, and the file is written by `downloads`, which a content script cannot use.
 */

import { workerTexts } from '../../i18n/worker';
import type { Lang, SenderInfo } from '../../messaging';
import { browser } from '../../platform/browser';
import { skeletonOf } from '../page-skeleton';
import { UserError } from '../router';
import type { Services } from '../services';
import { tabIdOf } from '../tab-grants';

/** The file's name: the date and time, nothing of the page. */
export function layoutFileName(now: Date): string {
  return `ksef-uklad-strony-${now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}.txt`;
}

/** The file's text: a heading, the page's path with every number replaced, the skeleton. */
export function layoutReport(lang: Lang, version: string, url: string, skeleton: string): string {
  let path = '';
  try {
    path = new URL(url).pathname.replace(/\d+/g, '0');
  } catch {
    // An unreadable URL: the skeleton alone.
  }
  return `${workerTexts(lang)('layoutHead')}\nKSeF dla Base ${version}\n${path}\n\n${skeleton}\n`;
}

/** Whether the browser lets the extension run scripts on the page at `url` (false if unknown). */
async function hostGranted(url: string | undefined): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [`${new URL(url ?? '').origin}/*`] });
  } catch {
    return false;
  }
}

/** Collects the skeleton of the sender's tab and saves it as a file in the seller's downloads. */
export async function saveLayoutReport(svc: Services, sender: SenderInfo): Promise<string> {
  const lang = await svc.lang();
  const t = workerTexts(lang);
  const tabId = tabIdOf(sender);
  if (tabId === null) throw new UserError(t('layoutFailed'), 'bad-request');
  const { scripting, downloads } = browser as Partial<typeof browser>;
  if (!scripting?.executeScript || !downloads?.download) throw new UserError(t('layoutNoApi'), 'unavailable');
  let skeleton: unknown;
  try {
    [{ result: skeleton } = { result: undefined }] = await scripting.executeScript({
      target: { tabId },
      func: skeletonOf,
    });
  } catch {
    // Firefox lets the user withhold host access to the panel (src/platform/host-access.ts); then
    // the script cannot run in the tab, and saying so helps more than "reload the page".
    if (await hostGranted(sender.url)) throw new UserError(t('layoutFailed'));
    throw new UserError(t('layoutNoAccess'), 'unavailable');
  }
  if (typeof skeleton !== 'string') throw new UserError(t('layoutFailed'));
  const text = layoutReport(lang, browser.runtime.getManifest().version, sender.url ?? '', skeleton);
  const filename = layoutFileName(new Date());
  // A Chrome service worker has no URL.createObjectURL: a data URL there, a blob elsewhere.
  const url =
    typeof URL.createObjectURL === 'function'
      ? URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
      : `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  await downloads.download({ url, filename, saveAs: false });
  return filename;
}

/**
 * Host access the extension needs to send invoices: the KSeF API hosts, the Base API and NBP.
 * Chrome grants the manifest's host permissions at install; Firefox (MV3) lets the user withhold
 * or revoke them, and a request only works from a user's click. The options page asks for what
 * is missing and the worker refuses to send without it (src/background/host-access-guard.ts).
 */
import { browser } from './browser';
import { REQUIRED_HOST_ORIGINS } from './required-hosts';

/** The match patterns of REQUIRED_HOST_ORIGINS the browser does not grant now, in that order. */
export async function missingHostOrigins(): Promise<string[]> {
  const granted = await Promise.all(
    REQUIRED_HOST_ORIGINS.map((origin) => browser.permissions.contains({ origins: [origin] })),
  );
  return REQUIRED_HOST_ORIGINS.filter((_, i) => !granted[i]);
}

/**
 * Asks the user for `origins`. Call it straight from a click handler, before any `await`:
 * Firefox refuses a permission request that is not a direct answer to a user action.
 */
export function requestHostOrigins(origins: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...origins] });
}

/** Calls `cb` whenever the user grants or revokes a permission; returns the unsubscribe function. */
export function onHostAccessChanged(cb: () => void): () => void {
  browser.permissions.onAdded.addListener(cb);
  browser.permissions.onRemoved.addListener(cb);
  return () => {
    browser.permissions.onAdded.removeListener(cb);
    browser.permissions.onRemoved.removeListener(cb);
  };
}

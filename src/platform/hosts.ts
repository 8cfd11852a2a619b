/**
 * Every host the extension talks to or runs on, in one place, so the manifest (wxt.config.ts),
 * the content script and the tests' routing agree.
 */
import { KSEF_API_HOSTS, KSEF_DOMAIN } from '../core/env';

/** Base panel: `panel.baselinker.com`, the 26 account shards `panel-a` … `panel-z`
 * (docs/base.md §2.1; match patterns allow no wildcard inside a host label, so each is listed),
 * and `panel.base.com`, the one panel host seen under the new domain. Never every `*.base.com`
 * page: the marketing site, help pages and anything else there are not the seller panel, and a
 * script on them must not reach the extension. */
export const PANEL_MATCHES: readonly string[] = [
  'https://panel.baselinker.com/*',
  ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `https://panel-${c}.baselinker.com/*`),
  'https://panel.base.com/*',
];

/** KSeF 2.0 API hosts (docs/ksef-protocol.md §1.1), declared in src/core/env.ts. UPO and batch upload
 * URLs point at the same environment host, so these cover them too. */
export { KSEF_API_HOSTS };

/** Batch part uploads may be handed out on another KSeF host (a storage host of the Ministry's own
 * domain): the client accepts only `https://*.ksef.mf.gov.pl` hosts there (src/ksef/env.ts). */
export const KSEF_STORAGE_HOST_PERMISSION = `https://*.${KSEF_DOMAIN}/*`;

// Marked pure: the content script imports PANEL_MATCHES from this module, and the bundler then
// drops this unused list (and the KSeF hosts it reads) from the content bundle (12 KB gzipped budget,
// test/bench/panel.ts).
export const KSEF_API_HOST_PERMISSIONS: readonly string[] = /* @__PURE__ */ Object.values(KSEF_API_HOSTS)
  .map((h) => `${h}/*`)
  .concat(KSEF_STORAGE_HOST_PERMISSION);

/** Base API (docs/base.md §1.1). */
export const BASE_API_URL = 'https://api.baselinker.com/connector.php';
export const BASE_API_HOST_PERMISSIONS: readonly string[] = ['https://api.baselinker.com/*'];

/** NBP exchange rates (table A) for foreign-currency invoices without Base's own rate. */
export const NBP_API_HOST_PERMISSIONS: readonly string[] = ['https://api.nbp.pl/*'];

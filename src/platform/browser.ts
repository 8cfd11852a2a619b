/**
 * The one door to the extension APIs. webextension-polyfill (fixed by the product owner) gives
 * promise-returning APIs and lets `onMessage` listeners answer by returning a promise, which is
 * the portable async reply (docs/harness.md §4). Pure domain folders (src/ksef, src/fa3, src/qr) must
 * never import this: biome.jsonc forbids it there.
 */
import browser from 'webextension-polyfill';

export type { Runtime } from 'webextension-polyfill';
export { browser };

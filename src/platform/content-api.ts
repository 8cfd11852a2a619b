/**
 * The content script's door to the extension APIs: Chrome's own `chrome.*`, which in Manifest V3
 * returns promises itself, instead of webextension-polyfill (about 3 KB gzipped, a fifth of the
 * content script). The content script needs only storage.local.get, storage.onChanged and
 * runtime.sendMessage; the pages and the worker keep the polyfill (src/platform/browser.ts), where
 * its promise-returning onMessage replies earn their keep.
 */
import type { CommandName, Message, Reply, Req, Res } from '../messaging';
import { unwrapReply } from './reply';

export { CommandError } from './reply';

type StorageListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** `chrome` itself, typed down to the part the content script uses (the polyfill's shape, where
 * the calls are the same). No wrapper functions around it: they would only cost bundle bytes. */
export const browser: {
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: { addListener(l: StorageListener): void; removeListener(l: StorageListener): void };
  };
} = chrome;

/** Sends one command to the worker (messaging.ts CONTENT_COMMANDS) and reads its answer. */
export async function send<K extends CommandName>(cmd: K, req: Req<K>): Promise<Res<K>> {
  const msg: Message<K> = { ksef: 1, cmd, req };
  return unwrapReply((await chrome.runtime.sendMessage(msg)) as Reply<K> | undefined);
}

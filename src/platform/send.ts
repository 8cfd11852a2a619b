/** The caller side of the protocol, used by the extension pages (the content script has its own,
 * without the polyfill: src/platform/content-api.ts). */
import type { CommandName, Message, Reply, Req, Res } from '../messaging';
import { browser } from './browser';
import { unwrapReply } from './reply';

export { CommandError } from './reply';

export async function send<K extends CommandName>(cmd: K, req: Req<K>): Promise<Res<K>> {
  const msg: Message<K> = { ksef: 1, cmd, req };
  return unwrapReply((await browser.runtime.sendMessage(msg)) as Reply<K> | undefined);
}

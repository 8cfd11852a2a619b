/** The caller side of the protocol, used by the content script and the pages. */
import type { CommandName, ErrorInfo, Message, Reply, Req, Res } from '../messaging';
import { browser } from './browser';

export class CommandError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'CommandError';
  }
}

export async function send<K extends CommandName>(cmd: K, req: Req<K>): Promise<Res<K>> {
  const msg: Message<K> = { ksef: 1, cmd, req };
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<K> | undefined;
  // No answer: the worker is gone (extension reloaded or updated). Both languages, since the
  // caller's language table is not at hand here.
  if (!reply)
    throw new CommandError({
      code: 'unavailable',
      message: 'Rozszerzenie nie odpowiada — odśwież stronę. / The extension does not answer — reload the page.',
    });
  if (!reply.ok) throw new CommandError(reply.error);
  return reply.res;
}

/** The caller side's reading of the worker's answer, shared by the pages' and the content script's `send`. */
import type { CommandName, ErrorInfo, Reply, Res } from '../messaging';

export class CommandError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'CommandError';
  }
}

/** The response, or a CommandError for an error answer or none at all. */
export function unwrapReply<K extends CommandName>(reply: Reply<K> | undefined): Res<K> {
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

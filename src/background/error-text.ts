/**
 * A KSeF or Base client failure in the UI language. The clients (src/ksef/errors.ts,
 * src/base/api/errors.ts) keep a Polish `message` for logs and tests and carry their parameters in
 * fields; adapters/client-errors.ts names them by code and the words are chosen here, at the edge.
 * KSeF's and Base's own descriptions are shown as they came. An invariant of ours that failed, or
 * any exception nobody expected, reads as src/i18n/internal.ts words it (its message, a developer's
 * note, is not shown); an error that names itself by a code of ours keeps its message.
 */
import type { Lang } from '../core/lang';
import { codedText } from '../i18n/errors';
import { internalCoded } from '../i18n/internal';
import { PortError } from '../pipeline';
import { clientErrorCode } from './adapters/client-errors';

export function errorText(e: unknown, lang: Lang): string {
  const message = e instanceof Error ? e.message : String(e);
  // A port's failure carries the code its adapter gave it; the client's error itself is its cause.
  const coded =
    e instanceof PortError ? (e.text ?? clientErrorCode(e.cause)) : (clientErrorCode(e) ?? internalCoded(e));
  // An adapter's PortError keeps the client's Polish message as its own.
  return coded ? codedText(coded, lang, message) : message;
}

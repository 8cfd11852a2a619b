/**
 * A failure as stored in a record's `reasonParams` (or an export job): its Polish message, kept
 * for logs and for readers older than codes, and, when the adapter named it, its code and
 * parameters (src/i18n/errors.ts `CodedText`), so the pages word it in the UI language. Records
 * written before codes have only `message`, and show it as it is.
 */
import type { Lang } from '../core/lang';
import { type CodedText, codedText, isErrorTextCode } from '../i18n/errors';
import { internalCoded } from '../i18n/internal';
import { PortError } from './ports';

/** Parameters of the code are stored flat beside the reason's own, under this prefix. */
const PARAM = 'errorParam.';

export type StoredParams = Record<string, string>;

/** A code and its parameters as record parameters. */
export function codedParams(t: CodedText): StoredParams {
  const out: StoredParams = { errorCode: t.code };
  for (const [k, v] of Object.entries(t.params ?? {})) out[PARAM + k] = v;
  return out;
}

/**
 * What a record keeps of a failure: `message` always, the code when there is one. A failure that
 * did not come through a port (an invariant of ours, a bug) is named by its internal code, or as
 * unexpected: its message is a developer's note and is not shown (src/i18n/internal.ts).
 */
export function errorParams(err: unknown): StoredParams {
  const message = err instanceof Error ? err.message : String(err);
  const text = err instanceof PortError ? err.text : internalCoded(err);
  return { message, ...(text ? codedParams(text) : {}) };
}

/** The stored failure in `lang`, or undefined when the parameters carry no (known) code. */
export function storedErrorText(params: Readonly<StoredParams> | undefined, lang: Lang): string | undefined {
  const code = params?.errorCode;
  if (!params || !isErrorTextCode(code)) return undefined;
  const own: StoredParams = {};
  for (const [k, v] of Object.entries(params)) if (k.startsWith(PARAM)) own[k.slice(PARAM.length)] = v;
  return codedText({ code, params: own }, lang, params.message);
}

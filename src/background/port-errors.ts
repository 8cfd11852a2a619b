/**
 * Known causes from the pipeline's ports (Base's limit, Base or KSeF unreachable, a refused
 * token) become user errors with their own message, so a page never shows the generic
 * "unexpected error" for something the extension understands.
 */

import type { Lang } from '../core/lang';
import { warsawDayMonthClock } from '../core/warsaw';
import type { WorkerText } from '../i18n/worker';
import { PortError } from '../pipeline';
import { ERROR_INFO_CODE } from './error-info';
import { errorText } from './error-text';
import { UserError } from './router';

export async function portRefusals<T>(
  t: () => Promise<WorkerText>,
  run: () => Promise<T>,
  lang: () => Promise<Lang>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof PortError)) throw e;
    const text = await t();
    if (e.kind === 'rate-limited' && e.retryAt !== undefined)
      throw new UserError(text('baseLimited', { time: warsawDayMonthClock(e.retryAt) }), ERROR_INFO_CODE[e.kind]);
    throw new UserError(errorText(e, await lang()), ERROR_INFO_CODE[e.kind]);
  }
}

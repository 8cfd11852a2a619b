/**
 * Known causes from the pipeline's ports (Base's limit, Base or KSeF unreachable, a refused
 * token) become user errors with their own message, so a page never shows the generic
 * "unexpected error" for something the extension understands.
 */
import { warsawDayMonthClock } from '../core/warsaw';
import { PortError } from '../pipeline';
import { UserError } from './router';
import type { WorkerText } from './texts';

export async function portRefusals<T>(t: () => Promise<WorkerText>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof PortError)) throw e;
    const text = await t();
    if (e.kind === 'rate-limited' && e.retryAt !== undefined)
      throw new UserError(text('baseLimited', { time: warsawDayMonthClock(e.retryAt) }), 'unavailable');
    throw new UserError(e.message, e.kind === 'unauthorized' ? 'not-configured' : 'unavailable');
  }
}

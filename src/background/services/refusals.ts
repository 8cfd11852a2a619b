/**
 * The pipeline's refusals (sent already, skipped, in progress…) as user errors in the user's
 * language: the pipeline speaks in codes, the worker chooses the words.
 */
import { message, PipelineError } from '../../pipeline';
import { ERROR_INFO_CODE } from '../error-info';
import { UserError } from '../router';
import type { Services } from '../services';

/** Runs a pipeline call, turning its refusals into user errors in the user's language. */
export async function refusals<T>(svc: Services, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof PipelineError)
      throw new UserError(message(e.code, e.params, await svc.lang()), ERROR_INFO_CODE[e.code]);
    throw e;
  }
}

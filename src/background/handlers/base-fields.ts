/** The account's order extra fields, for the "Numer KSeF w Base" choice in the options. */
import { BaseApiError, getOrderExtraFields } from '../../base/api';
import { type Handlers, UserError } from '../router';
import type { Services } from '../services';

export function baseFieldHandlers(svc: Services): Handlers {
  return {
    'base.orderExtraFields': async () => {
      try {
        return { fields: await getOrderExtraFields(await svc.base()) };
      } catch (e) {
        // Base's own explanation (token, limit, network) is already in Polish.
        if (e instanceof BaseApiError) throw new UserError(e.message, 'unavailable');
        throw e;
      }
    },
  };
}

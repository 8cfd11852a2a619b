/**
 * The waiting slice: why a queued invoice waits, in a few words (src/pipeline/view.ts
 * `waitingText`; the full reason is in the reasons slice). `{service}` is the service's name
 * stored with the record, or `service` when none was stored.
 */
import type { Texts } from './fill';

type Key = 'service' | 'limit' | 'unavailable';

export const WAITING: Texts<Key> = {
  pl: {
    service: 'usługę',
    limit: 'czeka na limit {service} do {time}',
    unavailable: 'czeka na {service}',
  },
  en: {
    service: 'the service',
    limit: 'waiting for the {service} limit until {time}',
    unavailable: 'waiting for {service}',
  },
};

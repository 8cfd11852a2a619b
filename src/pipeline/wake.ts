import { wakeName } from '../core/wake';

/** Names of the one-shot wake-ups the pipeline asks the Scheduler for (chrome.alarms), built by the
 * shared codec (src/core/wake.ts) so `Pipeline.wake(name)` can read them back with `parseWake`. */
export const WAKE = {
  check: (id: string) => wakeName({ kind: 'check', key: id }),
  send: (id: string) => wakeName({ kind: 'send', key: id }),
  batch: (sessionRef: string) => wakeName({ kind: 'batch', key: sessionRef }),
  /** A 440-adopted invoice still waiting for the stored file's hash (its KOD I). */
  kod1: (id: string) => wakeName({ kind: 'kod1', key: id }),
  autoSend: wakeName({ kind: 'autoSend' }),
  export: wakeName({ kind: 'export' }),
  poll: wakeName({ kind: 'poll' }),
} as const;

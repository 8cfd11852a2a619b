/** Names of the one-shot wake-ups the pipeline asks the Scheduler for (chrome.alarms). */
/** `Pipeline.wake(name)` dispatches each of them. */
export const WAKE = {
  check: (id: string) => `ksef-check:${id}`,
  send: (id: string) => `ksef-send:${id}`,
  batch: (sessionRef: string) => `ksef-batch:${sessionRef}`,
  /** A 440-adopted invoice still waiting for the stored file's hash (its KOD I). */
  kod1: (id: string) => `ksef-kod1:${id}`,
  autoSend: 'ksef-autosend',
  export: 'ksef-export',
  poll: 'ksef-poll',
} as const;

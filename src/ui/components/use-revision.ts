import { useEffect, useRef } from 'preact/hooks';
import { OUTBOX_REVISION_KEY } from '../../messaging';
import { usePlatform } from './platform';

/** At most one refresh a second while the outbox keeps changing. */
const REFRESH_GAP_MS = 1000;

/**
 * Calls `onChange` whenever the worker bumps OUTBOX_REVISION_KEY (messaging.ts), so lists stay live.
 * The first change refreshes at once; a burst (a batch export changes hundreds of records in
 * seconds) is folded into one more refresh after the gap. Each refresh asks the worker for whole
 * lists, and one per change kept the worker too busy to run the export itself.
 */
export function useOutboxRevision(onChange: () => void): void {
  const platform = usePlatform();
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      timer = undefined;
      last = Date.now();
      cb.current();
    };
    const off = platform.onStorageChanged((keys) => {
      if (!keys.includes(OUTBOX_REVISION_KEY) || timer !== undefined) return;
      const wait = last + REFRESH_GAP_MS - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    });
    return () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [platform]);
}

import { useEffect, useRef } from 'preact/hooks';
import { OUTBOX_REVISION_KEY } from '../../messaging';
import { usePlatform } from './platform';

/** Calls `onChange` whenever the worker bumps OUTBOX_REVISION_KEY (messaging.ts), so lists stay live. */
export function useOutboxRevision(onChange: () => void): void {
  const platform = usePlatform();
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(
    () =>
      platform.onStorageChanged((keys) => {
        if (keys.includes(OUTBOX_REVISION_KEY)) cb.current();
      }),
    [platform],
  );
}

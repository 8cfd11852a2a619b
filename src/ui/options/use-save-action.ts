/**
 * The busy flag and the one-line status every options form keeps around its worker calls: raise
 * the flag, run the call, say what came of it (its success text, or the worker's error worded
 * for the user), lower the flag. The forms only write what their call does and says.
 */
import { useState } from 'preact/hooks';
import { errorText } from '../components/errors';
import { useLang } from '../use-lang';
import type { FormStatus } from './form-status';

/** What a finished action says: success text, a status of another kind (e.g. `info`), or nothing
 * to leave the status as it is (the action shows its result elsewhere). */
export type ActionOutcome = string | Exclude<FormStatus, null> | undefined;

/**
 * `working` names the action running (for a button that says "Zapisywanie…" while its own action
 * runs); forms with one action leave it at the default `'busy'`. Only one action runs at a time:
 * every control is disabled while `busy`.
 */
export function useSaveAction<W extends string = 'busy'>() {
  const { t } = useLang();
  const [status, setStatus] = useState<FormStatus>(null);
  const [working, setWorking] = useState<W | null>(null);

  /** Runs `work` with `working` set to `what`; true when it did not throw. */
  const run = async (work: () => Promise<ActionOutcome>, what = 'busy' as W): Promise<boolean> => {
    setWorking(what);
    try {
      const said = await work();
      if (typeof said === 'string') setStatus({ kind: 'success', text: said });
      else if (said) setStatus(said);
      return true;
    } catch (err) {
      setStatus({ kind: 'danger', text: errorText(err, t) });
      return false;
    } finally {
      setWorking(null);
    }
  };

  return { status, setStatus, working, busy: working !== null, run };
}

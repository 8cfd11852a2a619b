/**
 * "Przekazywanie dokumentów": the transfer settings form (auto-send, OSS, VAT-rate rules), the
 * Offline certificate and its key, and the write-back to Base. Only lays the sections out; each
 * lives in its own module with its own state and save.
 */
import { useLang } from '../use-lang';
import type { Loaded, LoadedUpdate } from './loaded';
import { OfflineKeyForm } from './OfflineKeyForm';
import { TransferForm } from './TransferForm';
import { WriteBackSection } from './WriteBackSection';

export function TransferTab(p: { loaded: Loaded; onChange: LoadedUpdate }) {
  const { t } = useLang();
  return (
    <div>
      <TransferForm {...p} />
      <hr />
      <h2>{t('offlineHeading')}</h2>
      <p>{t('offlineIntro')}</p>
      <OfflineKeyForm {...p} />
      <hr />
      <WriteBackSection {...p} />
    </div>
  );
}

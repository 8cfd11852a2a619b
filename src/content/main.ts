/** Content-script wiring: decorate the panel; every action goes to the worker by message. */
import { loadLang } from '../settings/lang';
import { translator } from '../ui/i18n';
import { watchPanel } from './panel';

export async function startContent(): Promise<void> {
  const t = translator(await loadLang());
  watchPanel(document, {
    title: t('sendToKsef'),
    // Sending is wired to the worker's pipeline by the send-pipeline issue (#7).
    onSend: () => undefined,
  });
}

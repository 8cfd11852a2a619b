import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../src/content/main';
import { PANEL_MATCHES } from '../src/platform/hosts';

export default defineContentScript({
  matches: [...PANEL_MATCHES],
  runAt: 'document_idle',
  main: () => startContent(),
});

import { defineContentScript } from 'wxt/utils/define-content-script';
// Reserves the room for the row blocks before Base's first layout (src/content/row-layer.ts).
import '../src/base/panel/reserve.css';
import { startContent } from '../src/content/main';
import { PANEL_MATCHES } from '../src/platform/hosts';

export default defineContentScript({
  matches: [...PANEL_MATCHES],
  runAt: 'document_idle',
  main: async (ctx) => {
    const stop = await startContent();
    // After an extension reload or update this copy can no longer reach the worker: stop
    // watching, and let the new copy replace its blocks (src/content/panel.ts, start()).
    ctx.onInvalidated(stop);
  },
});

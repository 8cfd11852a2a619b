import { beforeEach, describe, expect, it, vi } from 'vitest';

// The real platform glue, with the extension APIs replaced by a recorder (Node has no `chrome`).
type Listener = (changes: Record<string, unknown>, area: string) => void;
const listeners = new Set<Listener>();
const openOptionsPage = vi.fn(async () => undefined);
const sendMessage = vi.fn();

vi.mock('../../src/platform/browser', () => ({
  browser: {
    storage: {
      onChanged: {
        addListener: (l: Listener) => listeners.add(l),
        removeListener: (l: Listener) => listeners.delete(l),
      },
      local: { get: async () => ({ uiLang: 'en' }), set: async () => undefined },
    },
    runtime: { openOptionsPage, sendMessage },
  },
}));

const { browserPlatform } = await import('../../src/ui/components/browser-platform');

beforeEach(() => {
  listeners.clear();
  sendMessage.mockReset();
});

describe('browserPlatform', () => {
  it('reports changed storage.local keys only, and unsubscribes', () => {
    const p = browserPlatform();
    const seen: string[][] = [];
    const off = p.onStorageChanged((keys) => seen.push(keys));
    for (const l of listeners) l({ outboxRevision: { newValue: 3 } }, 'local');
    for (const l of listeners) l({ other: { newValue: 1 } }, 'session');
    expect(seen).toEqual([['outboxRevision']]);
    off();
    expect(listeners.size).toBe(0);
  });

  it('sends typed messages and turns a refusal into an error with the worker message', async () => {
    const p = browserPlatform();
    sendMessage.mockResolvedValueOnce({ ok: true, res: { checked: 2 } });
    await expect(p.send('poll.now', {})).resolves.toEqual({ checked: 2 });
    expect(sendMessage).toHaveBeenCalledWith({ ksef: 1, cmd: 'poll.now', req: {} });
    sendMessage.mockResolvedValueOnce({
      ok: false,
      error: { code: 'busy', message: 'Ta faktura jest właśnie wysyłana.' },
    });
    await expect(p.send('invoice.send', { invoiceId: '1' })).rejects.toThrow('Ta faktura jest właśnie wysyłana.');
  });

  it('reads the language and opens the options page', async () => {
    const p = browserPlatform();
    await expect(p.loadLang()).resolves.toBe('en');
    p.openOptions();
    expect(openOptionsPage).toHaveBeenCalledTimes(1);
  });
});

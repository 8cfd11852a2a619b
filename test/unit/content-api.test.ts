// The content script's own door to the extension APIs (src/platform/content-api.ts): chrome.*
// directly, without webextension-polyfill. `chrome` is replaced by a recorder (Node has none),
// before the module is imported: its `browser` is `chrome` itself, taken when the script starts.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const { listeners, sendMessage, get } = vi.hoisted(() => {
  const listeners = new Set<Listener>();
  const sendMessage = vi.fn();
  const get = vi.fn();
  vi.stubGlobal('chrome', {
    runtime: { sendMessage },
    storage: {
      local: { get },
      onChanged: {
        addListener: (l: Listener) => listeners.add(l),
        removeListener: (l: Listener) => listeners.delete(l),
      },
    },
  });
  return { listeners, sendMessage, get };
});

import { browser, CommandError, send } from '../../src/platform/content-api';

beforeEach(() => {
  listeners.clear();
  sendMessage.mockReset();
  get.mockReset();
});
afterAll(() => vi.unstubAllGlobals());

describe('content-api send', () => {
  it('sends the protocol envelope and returns the response', async () => {
    sendMessage.mockResolvedValue({ ok: true, res: { views: [] } });
    await expect(send('invoices.view', { ids: ['1'] } as never)).resolves.toEqual({ views: [] });
    expect(sendMessage).toHaveBeenCalledWith({ ksef: 1, cmd: 'invoices.view', req: { ids: ['1'] } });
  });

  it("turns the worker's error answer into a CommandError with its message", async () => {
    sendMessage.mockResolvedValue({ ok: false, error: { code: 'invalid', message: 'Zły numer' } });
    const err = await send('invoices.view', { ids: [] } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).info).toEqual({ code: 'invalid', message: 'Zły numer' });
  });

  it('no answer (worker gone after an update) is "unavailable" in both languages', async () => {
    sendMessage.mockResolvedValue(undefined);
    const err = (await send('invoices.view', { ids: [] } as never).catch((e: unknown) => e)) as CommandError;
    expect(err.info.code).toBe('unavailable');
    expect(err.message).toMatch(/odśwież stronę.*reload the page/);
  });

  it('a thrown chrome error (context invalidated) rejects instead of escaping synchronously', async () => {
    sendMessage.mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(send('invoices.view', { ids: [] } as never)).rejects.toThrow('Extension context invalidated.');
  });
});

describe('content-api storage', () => {
  it('reads storage.local and adds and removes change listeners', async () => {
    get.mockResolvedValue({ uiLang: 'en' });
    await expect(browser.storage.local.get('uiLang')).resolves.toEqual({ uiLang: 'en' });
    expect(get).toHaveBeenCalledWith('uiLang');
    const seen: string[] = [];
    const l: Listener = (changes, area) => seen.push(`${area}:${Object.keys(changes).join()}`);
    browser.storage.onChanged.addListener(l);
    for (const x of listeners) x({ outboxRevision: { newValue: 2 } }, 'local');
    browser.storage.onChanged.removeListener(l);
    expect(listeners.size).toBe(0);
    expect(seen).toEqual(['local:outboxRevision']);
  });
});

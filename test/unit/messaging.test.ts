import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers, UserError } from '../../src/background/router';
import { CONTENT_COMMANDS, classifySender, isMessage } from '../../src/messaging';
import { isPanelUrl } from '../../src/platform/panel-url';

const self = { id: 'abcdefghijklmnopabcdefghijklmnop', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' };
const texts = { forbidden: 'ZAKAZ', unknown: 'NIEZNANE', failed: 'BŁĄD', badRequest: 'NIEPRAWIDŁOWE' };
const panelTab = { id: 7 };

describe('panel hosts', () => {
  it('matches every Base panel shard and panel.base.com, nothing else', () => {
    for (const c of 'abcdefghijklmnopqrstuvwxyz')
      expect(isPanelUrl(`https://panel-${c}.baselinker.com/invoices.php`)).toBe(true);
    expect(isPanelUrl('https://panel.baselinker.com/orders.php#order:1')).toBe(true);
    expect(isPanelUrl('https://panel.base.com/x')).toBe(true);
    // Only the panel host of the new domain: never its marketing or help pages.
    expect(isPanelUrl('https://base.com/')).toBe(false);
    expect(isPanelUrl('https://promo.base.com/landing')).toBe(false);
    expect(isPanelUrl('https://www.base.com/pl-PL/pomoc/')).toBe(false);
    expect(isPanelUrl('https://panel.base.com.evil.example/')).toBe(false);
    expect(isPanelUrl('https://evil.com/panel-a.baselinker.com/')).toBe(false);
    expect(isPanelUrl('https://panel-aa.baselinker.com/')).toBe(false);
    expect(isPanelUrl('http://panel-a.baselinker.com/')).toBe(false);
    expect(isPanelUrl('https://login.baselinker.com/')).toBe(false);
    expect(isPanelUrl('https://notbase.com/')).toBe(false);
  });
});

describe('classifySender', () => {
  it('puts our own pages in the page tier, in a tab or not', () => {
    expect(classifySender({ id: self.id, url: `${self.origin}/popup.html` }, self, isPanelUrl)).toBe('page');
    expect(classifySender({ id: self.id, url: `${self.origin}/options.html`, tab: {} }, self, isPanelUrl)).toBe('page');
  });
  it('puts the content script on a panel host in the content tier', () => {
    expect(
      classifySender({ id: self.id, url: 'https://panel-e.baselinker.com/x', tab: panelTab }, self, isPanelUrl),
    ).toBe('content');
  });
  it('refuses other extensions, other hosts and tab-less web URLs', () => {
    expect(classifySender({ id: 'other', url: `${self.origin}/popup.html` }, self, isPanelUrl)).toBeNull();
    expect(classifySender({ id: self.id, url: 'https://evil.example/', tab: panelTab }, self, isPanelUrl)).toBeNull();
    expect(classifySender({ id: self.id, url: 'https://panel-e.baselinker.com/x' }, self, isPanelUrl)).toBeNull();
    expect(classifySender({ url: `${self.origin}/popup.html` }, self, isPanelUrl)).toBeNull();
  });
});

describe('router', () => {
  const handlers: Handlers = {
    ping: async (_req, ctx) => ({ version: '1', tier: ctx.tier }),
  };
  const route = createRouter(handlers, { self, isPanelUrl, texts });
  const page = { id: self.id, url: `${self.origin}/popup.html` };

  it('ignores messages that are not ours', () => {
    expect(route({ type: 'other' }, page)).toBeUndefined();
    expect(isMessage({ ksef: 1, cmd: 'ping', req: {} })).toBe(true);
  });

  it('answers our pages', async () => {
    expect(await route({ ksef: 1, cmd: 'ping', req: {} }, page)).toEqual({
      ok: true,
      res: { version: '1', tier: 'page' },
    });
  });

  it('refuses a foreign sender with a translated message', async () => {
    expect(await route({ ksef: 1, cmd: 'ping', req: {} }, { id: 'x', url: 'https://evil/' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'ZAKAZ' },
    });
  });

  it('refuses unknown commands, including inherited property names', async () => {
    for (const cmd of ['nope', 'toString', '__proto__', 'constructor']) {
      const r = await route({ ksef: 1, cmd, req: {} }, page);
      expect(r).toEqual({ ok: false, error: { code: 'bad-request', message: 'NIEZNANE' } });
    }
  });

  it('lets the content script use only the content commands', async () => {
    const wide: Handlers & Record<string, unknown> = {
      ...handlers,
      // A page-only command: present in the handler map but not in CONTENT_COMMANDS.
      secret: async () => ({ leaked: true }),
    } as never;
    const r = createRouter(wide as Handlers, { self, isPanelUrl, texts });
    const tab = { id: self.id, url: 'https://panel-e.baselinker.com/faktury', tab: panelTab };
    expect(CONTENT_COMMANDS.has('secret' as never)).toBe(false);
    expect(await r({ ksef: 1, cmd: 'secret', req: {} }, tab)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'ZAKAZ' },
    });
    expect(await r({ ksef: 1, cmd: 'ping', req: {} }, tab)).toEqual({
      ok: true,
      res: { version: '1', tier: 'content' },
    });
  });

  it('returns user errors as they are and hides unexpected ones', async () => {
    const seen: string[] = [];
    const failing = createRouter(
      {
        ping: async () => {
          throw new UserError('Nieprawidłowy NIP', 'bad-request');
        },
      },
      { self, isPanelUrl, texts },
    );
    expect(await failing({ ksef: 1, cmd: 'ping', req: {} }, page)).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'Nieprawidłowy NIP' },
    });
    const crashing = createRouter(
      {
        ping: async () => {
          throw new TypeError('token=SECRET');
        },
      },
      { self, isPanelUrl, texts, onUnexpected: (cmd) => seen.push(cmd) },
    );
    const r = await crashing({ ksef: 1, cmd: 'ping', req: {} }, page);
    expect(r).toEqual({ ok: false, error: { code: 'failed', message: 'BŁĄD' } });
    expect(JSON.stringify(r)).not.toContain('SECRET');
    expect(seen).toEqual(['ping']);
  });
});

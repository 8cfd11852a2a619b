/**
 * The router's request checks (REQUEST_CHECKS in src/messaging.ts): every command has one, a
 * malformed request is refused with the router's own text before any handler runs, and a valid
 * one reaches its handler as the checked copy.
 */
import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../src/background/router';
import { type SessionArea, TabGrants } from '../../src/background/tab-grants';
import {
  CONTENT_COMMANDS,
  type CommandName,
  MAX_BULK,
  MAX_VIEW_ROWS,
  REQUEST_CHECKS,
  type Req,
} from '../../src/messaging';
import { isPanelUrl } from '../../src/platform/panel-url';

/** One well-formed request per command; the mapped type makes the table cover every command. */
const VALID: { [K in CommandName]: Req<K> } = {
  ping: {},
  'invoices.view': { invoiceIds: ['48211937'], numbers: ['FV/1/05/2026'] },
  'invoices.recent': { limit: 20 },
  'invoices.forOrder': { orderId: '9001' },
  'invoice.send': { invoiceId: '48211937' },
  'invoice.resend': { invoiceId: '48211937' },
  'invoice.qr': { invoiceId: '48211937' },
  'invoice.openPrint': { invoiceId: '48211937' },
  'panel.texts': {},
  'page.layout': {},
  'options.open': {},
  'invoice.print': { invoiceId: '48211937' },
  'popup.summary': {},
  'poll.now': {},
  'invoice.check': { invoiceId: '48211937' },
  'invoice.markUnsent': { invoiceId: '48211937' },
  'outbox.inFlight': {},
  'settings.get': {},
  'settings.save': { patch: { autoSend: true } },
  'secrets.setKsefToken': { token: '' },
  'secrets.setBaseToken': { token: '1-23-ABC' },
  'connection.check': {},
  'seller.fromBase': {},
  'certs.listOffline': {},
  'certs.importKey': {
    serialNumber: '01F2',
    fileName: 'klucz.key',
    fileBase64: 'AAEC',
    password: 'haslo',
    passphrase: 'fraza',
  },
  'certs.unlockKey': { passphrase: 'fraza' },
  'certs.removeKey': {},
  'series.list': {},
  'export.count': { month: '2026-04' },
  'export.start': { month: '2026-04' },
  'export.progress': {},
  'base.orderExtraFields': {},
  'invoices.list': {},
  'invoice.skip': { invoiceId: '48211937', reason: 'Wystawiona ręcznie', number: 'FV/1/05/2026' },
  'invoice.unskip': { invoiceId: '48211937' },
  'invoice.file': { invoiceId: '48211937', kind: 'upo' },
  'invoices.sendMany': { invoiceIds: ['1', '2'] },
  'invoices.checkMany': { invoiceIds: ['3'] },
  'ksef.notices': {},
  'ksef.dismissWarning': { at: '2026-05-04T10:00:00.000Z' },
  'purchases.summary': {},
  'purchases.sync': { monthsBack: 3 },
  'purchases.seen': {},
  'export.cancel': {},
};

const COMMANDS = Object.keys(VALID) as CommandName[];
/** Not a request object at all: refused by every command's check. */
const NOT_A_REQUEST: unknown[] = ['x', 42, true, [], [{}]];

/** Malformed requests a page could send to each content-script command. */
const MALFORMED_CONTENT: Record<string, unknown[]> = {
  ping: NOT_A_REQUEST,
  'invoices.view': [{}, { invoiceIds: '48211937' }, { invoiceIds: [48211937] }, { invoiceIds: [], numbers: 'FV' }],
  'invoices.recent': [{ limit: '20' }, { limit: Number.NaN }],
  'invoices.forOrder': [{}, { orderId: 9001 }, { orderId: '9001; drop' }, { orderId: '' }],
  'invoice.send': [{}, { invoiceId: 48211937 }, { invoiceId: '../1' }, { invoiceId: '1234567890123' }],
  'invoice.resend': [{ invoiceId: null }, { invoiceId: ['1'] }],
  'invoice.qr': [{ invoiceId: 'abc' }],
  'invoice.openPrint': [{ invoiceId: '1&x=2' }, {}],
  'panel.texts': NOT_A_REQUEST,
  'page.layout': NOT_A_REQUEST,
  'options.open': NOT_A_REQUEST,
};

const self = { id: 'ext', origin: 'chrome-extension://ext' };
const texts = { forbidden: 'ZAKAZ', unknown: 'NIEZNANE', failed: 'BŁĄD', badRequest: 'NIEPRAWIDŁOWE' };
const page = { id: self.id, url: `${self.origin}/invoices.html` };
const panelTab = { id: self.id, url: 'https://panel-e.baselinker.com/faktury', tab: { id: 5 } };
const refusal = { ok: false, error: { code: 'bad-request', message: 'NIEPRAWIDŁOWE' } };

function memorySession(): SessionArea {
  const data: Record<string, unknown> = {};
  return {
    get: async (k) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (k) => void delete data[k],
  };
}

/** A handler for every command that records what it was given. */
function recording() {
  const seen: { cmd: CommandName; req: unknown }[] = [];
  const handlers = Object.fromEntries(
    COMMANDS.map((cmd) => [
      cmd,
      async (req: unknown) => {
        seen.push({ cmd, req });
        // The granting commands name the invoices the tab may send next.
        return cmd === 'invoices.view' ? { items: [{ invoiceId: '48211937', number: 'FV/1/05/2026' }] } : {};
      },
    ]),
  ) as Handlers;
  const grants = new TabGrants({ session: memorySession() });
  const route = createRouter(handlers, { self, isPanelUrl, texts, grants });
  const call = (cmd: string, req: unknown, from: typeof page | typeof panelTab) => route({ ksef: 1, cmd, req }, from);
  return { seen, call };
}

describe('request checks', () => {
  it('declares a check for every command of the protocol, and only for those', () => {
    expect(Object.keys(REQUEST_CHECKS).sort()).toEqual([...COMMANDS].sort());
    for (const cmd of CONTENT_COMMANDS) expect(COMMANDS).toContain(cmd);
  });

  it.each(COMMANDS)('%s: takes its well-formed request as it is and refuses what is not a request', (cmd) => {
    const check = REQUEST_CHECKS[cmd] as (r: unknown) => unknown;
    expect(check(structuredClone(VALID[cmd]))).toEqual(VALID[cmd]);
    for (const bad of NOT_A_REQUEST) expect(check(bad)).toBeNull();
  });

  it('drops what a panel page could not mean instead of refusing the whole view', () => {
    const check = REQUEST_CHECKS['invoices.view'];
    const tooMany = Array.from({ length: MAX_VIEW_ROWS + 5 }, (_, i) => String(i + 1));
    expect(check({ invoiceIds: ['1234567890123', '7', ...tooMany], numbers: ['x'.repeat(257), 'FV/1'] })).toEqual({
      invoiceIds: ['7', ...tooMany].slice(0, MAX_VIEW_ROWS),
      numbers: ['FV/1'],
    });
    expect(check({ invoiceIds: [] })).toEqual({ invoiceIds: [], numbers: [] });
  });

  it('refuses malformed page-only requests', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    expect(REQUEST_CHECKS['invoices.sendMany']({ invoiceIds: ids(MAX_BULK) })).not.toBeNull();
    expect(REQUEST_CHECKS['invoices.sendMany']({ invoiceIds: ids(MAX_BULK + 1) })).toBeNull();
    expect(REQUEST_CHECKS['invoices.checkMany']({ invoiceIds: ['1', 'x'] })).toBeNull();
    expect(REQUEST_CHECKS['invoice.file']({ invoiceId: '1', kind: 'pdf' })).toBeNull();
    expect(REQUEST_CHECKS['settings.save']({ patch: 'env=prod' })).toBeNull();
    expect(REQUEST_CHECKS['settings.save']({ patch: [] })).toBeNull();
    expect(REQUEST_CHECKS['secrets.setKsefToken']({ token: 123 })).toBeNull();
    expect(REQUEST_CHECKS['certs.unlockKey']({ passphrase: '' })).toBeNull();
    expect(REQUEST_CHECKS['certs.importKey']({ serialNumber: '1', fileBase64: 5 })).toBeNull();
    expect(REQUEST_CHECKS['invoice.skip']({ invoiceId: '1', reason: 7 })).toBeNull();
    expect(REQUEST_CHECKS['purchases.sync']({ monthsBack: 13 })).toBeNull();
    expect(REQUEST_CHECKS['purchases.sync']({ monthsBack: 1.5 })).toBeNull();
    expect(REQUEST_CHECKS['export.count']({ month: 202604 })).toBeNull();
  });
});

describe('router applies the checks', () => {
  it('covers every content-script command with malformed requests', () => {
    expect(Object.keys(MALFORMED_CONTENT).sort()).toEqual([...CONTENT_COMMANDS].sort());
  });

  it.each([...CONTENT_COMMANDS])(
    '%s from the panel: a malformed request is refused and never reaches the handler',
    async (cmd) => {
      const { seen, call } = recording();
      for (const bad of [...(MALFORMED_CONTENT[cmd] ?? []), ...NOT_A_REQUEST]) {
        expect(await call(cmd, bad, panelTab)).toEqual(refusal);
      }
      expect(seen).toEqual([]);
    },
  );

  it.each([...CONTENT_COMMANDS])('%s from the panel: a valid request reaches its handler', async (cmd) => {
    const { seen, call } = recording();
    // A send is admitted only for an invoice the worker resolved for this tab (tab-grants.ts).
    await call('invoices.view', { invoiceIds: ['48211937'] }, panelTab);
    seen.length = 0;
    const reply = await call(cmd, VALID[cmd], panelTab);
    expect(reply?.ok).toBe(true);
    expect(seen).toEqual([{ cmd, req: VALID[cmd] }]);
  });

  it('hands the handler the checked copy, not what the page sent', async () => {
    const { seen, call } = recording();
    await call('page.layout', { tabId: 99, url: 'https://evil.example/' }, panelTab);
    await call('invoices.view', { invoiceIds: ['7', '1234567890123'], extra: true }, panelTab);
    await call('options.open', undefined, panelTab);
    expect(seen).toEqual([
      { cmd: 'page.layout', req: {} },
      { cmd: 'invoices.view', req: { invoiceIds: ['7'], numbers: [] } },
      { cmd: 'options.open', req: {} },
    ]);
  });

  it('refuses a malformed request from a page with the same text, before the handler', async () => {
    const { seen, call } = recording();
    expect(await call('invoice.file', { invoiceId: '1', kind: 'pdf' }, page)).toEqual(refusal);
    expect(await call('settings.save', { patch: null }, page)).toEqual(refusal);
    expect(await call('invoices.sendMany', { invoiceIds: '1,2' }, page)).toEqual(refusal);
    expect(seen).toEqual([]);
    expect((await call('invoice.file', { invoiceId: '1', kind: 'xml' }, page))?.ok).toBe(true);
    expect(seen).toEqual([{ cmd: 'invoice.file', req: { invoiceId: '1', kind: 'xml' } }]);
  });
});

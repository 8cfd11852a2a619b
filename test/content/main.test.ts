// @vitest-environment happy-dom
/** The content script's wiring: language from storage.local `uiLang`, live refresh on the outbox
 * revision (messaging.ts OUTBOX_REVISION_KEY), every action through the worker's commands. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandName } from '../../src/messaging';
import { OUTBOX_REVISION_KEY } from '../../src/messaging';
import { FakeWorker, fixtureBody, listViews } from './fake-worker';
import { fakeGeometry, rowBlock, rowBlocks } from './layout';
import { rootOf } from './shadow';

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const env = vi.hoisted(() => ({
  stored: {} as Record<string, unknown>,
  listeners: [] as Listener[],
  worker: null as null | import('./fake-worker').FakeWorker,
  stop: null as null | (() => void),
}));

vi.mock('../../src/platform/content-api', () => ({
  browser: {
    storage: {
      local: { get: async (key: string) => ({ [key]: env.stored[key] }) },
      onChanged: {
        addListener: (l: Listener) => env.listeners.push(l),
        removeListener: (l: Listener) => env.listeners.splice(env.listeners.indexOf(l), 1),
      },
    },
  },
  send: (cmd: CommandName, req: never) => env.worker!.send(cmd, req),
}));

const { startContent } = await import('../../src/content/main');

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await new Promise((r) => setTimeout(r, 0));
}

const block = (id: string) => rootOf(rowBlock(id));

beforeEach(() => {
  env.stop?.();
  document.body.innerHTML = fixtureBody('invoice-list.html');
  env.listeners.length = 0;
  env.stored = {};
});

describe('startContent', () => {
  it('decorates in Polish by default and refreshes the badges when the worker bumps the revision', async () => {
    const worker = new FakeWorker(listViews());
    env.worker = worker;
    env.stop = await startContent(fakeGeometry());
    await settle();
    expect(block('48211937')?.querySelector('button')?.getAttribute('aria-label')).toBe(
      'Wyślij do KSeF: 214/05/2026/FV',
    );
    worker.set({ ...listViews()[0]!, state: 'accepted', ksefNumber: 'KSEF-9', blocked: 'in-ksef' });
    // Another area or key changes nothing.
    for (const l of env.listeners) l({ [OUTBOX_REVISION_KEY]: { newValue: 1 } }, 'sync');
    for (const l of env.listeners) l({ other: { newValue: 1 } }, 'local');
    await settle();
    expect(block('48211937')?.textContent).not.toContain('Zaakceptowana');
    for (const l of env.listeners) l({ [OUTBOX_REVISION_KEY]: { newValue: 2 } }, 'local');
    await settle();
    expect(block('48211937')?.textContent).toContain('Zaakceptowana');
    expect(block('48211937')?.textContent).toContain('KSEF-9');
    // The longer texts (here the disabled icon's tooltip) came from the worker.
    expect(worker.callsOf('panel.texts')).toHaveLength(1);
    expect(block('48211937')?.querySelector('button')?.title).toBe('Ta faktura jest już w KSeF.');
  });

  it('still decorates when the worker does not hand over the longer texts', async () => {
    const worker = new FakeWorker([{ ...listViews()[0]!, blocked: 'in-ksef' }]);
    worker.failNext.set('panel.texts', 'restarting');
    env.worker = worker;
    env.stop = await startContent(fakeGeometry());
    await settle();
    expect(block('48211937')?.querySelector('button')?.disabled).toBe(true);
    expect(block('48211937')?.querySelector('button')?.title).toBe('');
  });

  it('speaks the language stored under uiLang', async () => {
    env.stored = { uiLang: 'en' };
    env.worker = new FakeWorker([{ ...listViews()[0]!, state: 'rejected', reason: 'x' }]);
    env.stop = await startContent(fakeGeometry());
    await settle();
    expect(block('48211937')?.querySelector('button')?.getAttribute('aria-label')).toBe('Send to KSeF: 214/05/2026/FV');
    expect(block('48211937')?.textContent).toContain('Rejected');
    // Switched back in the options: every block is redrawn in Polish, still one per row.
    for (const l of env.listeners) l({ uiLang: { newValue: 'pl' } }, 'local');
    await settle();
    expect(block('48211937')?.querySelector('button')?.getAttribute('aria-label')).toBe(
      'Wyślij do KSeF: 214/05/2026/FV',
    );
    expect(block('48211937')?.textContent).toContain('Odrzucona');
    expect(rowBlocks().map((b) => b.getAttribute('data-invoice-id'))).toEqual(['48211937', '48211938', '48211939']);
    expect(document.querySelectorAll('[data-ksef-ext="layer"]')).toHaveLength(1);
  });
});

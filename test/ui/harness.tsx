/**
 * A tiny DOM harness for the pages: renders with a fake platform (scripted command handlers, a
 * storage-change trigger, an in-memory language) and finds controls the way users do, by label
 * text and role. No browser extension APIs are touched.
 */
import { type ComponentChildren, render } from 'preact';
import { act } from 'preact/test-utils';
import type { CommandName, Lang, Req, Res } from '../../src/messaging';
import { PlatformProvider, type UiPlatform } from '../../src/ui/components/platform';

export type FakeHandlers = { [K in CommandName]?: (req: Req<K>) => Res<K> | Promise<Res<K>> };

/** Same shape as src/platform/send.ts CommandError (that module needs the extension runtime). */
export class FakeCommandError extends Error {
  constructor(
    message: string,
    readonly info = { code: 'failed', message },
  ) {
    super(message);
  }
}

export interface Fake {
  platform: UiPlatform;
  calls: { cmd: CommandName; req: unknown }[];
  callsOf: <K extends CommandName>(cmd: K) => Req<K>[];
  fireStorage: (keys: string[]) => Promise<void>;
  copied: string[];
  optionsOpened: number;
  lang: Lang;
}

export function fakePlatform(handlers: FakeHandlers, opts: { now?: number; lang?: Lang } = {}): Fake {
  const listeners = new Set<(keys: string[]) => void>();
  const fake: Fake = {
    calls: [],
    callsOf: <K extends CommandName>(cmd: K) => fake.calls.filter((c) => c.cmd === cmd).map((c) => c.req as Req<K>),
    copied: [],
    optionsOpened: 0,
    lang: opts.lang ?? 'pl',
    fireStorage: async (keys) => {
      await act(async () => {
        for (const l of listeners) l(keys);
      });
      await flush();
    },
    platform: {
      send: async (cmd, req) => {
        fake.calls.push({ cmd, req });
        const h = handlers[cmd] as ((r: typeof req) => unknown) | undefined;
        if (!h) throw new FakeCommandError('Nieznane polecenie.');
        return (await h(req)) as never;
      },
      onStorageChanged: (cb) => {
        listeners.add(cb);
        return () => listeners.delete(cb);
      },
      loadLang: async () => fake.lang,
      saveLang: async (l) => {
        fake.lang = l;
        for (const cb of listeners) cb(['uiLang']);
      },
      openOptions: () => {
        fake.optionsOpened++;
      },
      copyText: async (text) => {
        fake.copied.push(text);
      },
      now: () => opts.now ?? Date.parse('2026-11-29T12:00:00Z'),
    },
  };
  return fake;
}

/** Lets pending promises and Preact's rerenders settle. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

export async function mount(ui: ComponentChildren, fake: Fake): Promise<HTMLElement> {
  document.body.innerHTML = '';
  const el = document.createElement('div');
  document.body.append(el);
  await act(() => {
    render(<PlatformProvider platform={fake.platform}>{ui}</PlatformProvider>, el);
  });
  await flush();
  return el;
}

export function unmount(el: HTMLElement): void {
  render(null, el);
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The control a <label> names: by `for`, or the control inside the label. Exact text match. */
export function byLabel<T extends HTMLElement = HTMLInputElement>(root: HTMLElement, text: string): T {
  for (const label of root.querySelectorAll('label')) {
    if (norm(label.textContent) !== text) continue;
    const forId = label.getAttribute('for');
    const target = forId ? root.ownerDocument.getElementById(forId) : label.querySelector('input,select,textarea');
    if (target) return target as T;
  }
  throw new Error(`no control labelled "${text}"`);
}

export function byRole<T extends HTMLElement = HTMLElement>(root: HTMLElement, role: string, name: string): T {
  const implicit: Record<string, string> = { button: 'button', tab: '[role="tab"]', link: 'a[href]' };
  const sel = implicit[role] ?? `[role="${role}"]`;
  for (const e of root.querySelectorAll<T>(sel)) {
    if (role === 'button' && e.getAttribute('role') && e.getAttribute('role') !== 'button') continue;
    const accessible = e.getAttribute('aria-label') ?? norm(e.textContent);
    if (accessible === name) return e;
  }
  throw new Error(`no ${role} named "${name}"`);
}

export function queryRole(root: HTMLElement, role: string, name: string): HTMLElement | null {
  try {
    return byRole(root, role, name);
  } catch {
    return null;
  }
}

export function text(root: HTMLElement): string {
  return norm(root.textContent);
}

export async function type(input: HTMLInputElement, value: string): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush(1);
}

export async function choose(select: HTMLSelectElement, value: string): Promise<void> {
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

export async function click(el: HTMLElement): Promise<void> {
  await act(() => {
    el.click();
  });
  await flush();
}

export async function check(el: HTMLInputElement, on: boolean): Promise<void> {
  if (el.checked !== on) await click(el);
}

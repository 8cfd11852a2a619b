/**
 * Non-secret settings in storage.local, with a schema version and migrations (docs/architecture.md
 * practice 4). Secrets are never here: they are encrypted in IndexedDB (src/secrets).
 */
import { isLang, UI_LANG_KEY as LANG_KEY } from '../core/lang';
import type { Settings } from '../messaging';
import { browser } from '../platform/browser';
import { DEFAULT_SETTINGS } from './defaults';
import { normaliseNip, settingsErrors } from './validate';

const KEY = 'settings';
const VERSION = 1;

interface Stored {
  v: number;
  s: Partial<Settings>;
}

/** Brings an older stored shape up to the current one. Version 1 is the first. */
function migrate(stored: Stored | undefined): Settings {
  if (!stored || typeof stored !== 'object') return structuredClone(DEFAULT_SETTINGS);
  return { ...structuredClone(DEFAULT_SETTINGS), ...stored.s };
}

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get([KEY, LANG_KEY]);
  const s = migrate(got[KEY] as Stored | undefined);
  // The UI language has its own key (every context reads it cheaply); it wins over a stale copy.
  const lang = got[LANG_KEY];
  if (isLang(lang)) s.uiLang = lang;
  return s;
}

export class InvalidSettings extends Error {
  constructor(readonly errors: ReturnType<typeof settingsErrors>) {
    super('invalid settings');
    this.name = 'InvalidSettings';
  }
}

/** Validates the patch and saves it merged; nothing is written when anything is invalid. */
export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const clean: Partial<Settings> = { ...patch };
  if (clean.nip !== undefined) clean.nip = normaliseNip(clean.nip);
  const errors = settingsErrors(clean);
  if (errors.length) throw new InvalidSettings(errors);
  const next = { ...(await loadSettings()), ...clean };
  await browser.storage.local.set({
    [KEY]: { v: VERSION, s: next } satisfies Stored,
    ...(clean.uiLang ? { [LANG_KEY]: clean.uiLang } : {}),
  });
  return next;
}

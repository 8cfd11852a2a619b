/**
 * All the extension's words, Polish (default) and English, in slices by bundle: `ui` (popup,
 * options), `invoices` and `purchases` (their pages), `content` and `panel` (the Base panel),
 * `worker` (the service worker's replies), `reasons` (why a record stands where it does),
 * `waiting` (why a queued one waits), `causes` and `fa3` (why an FA(3) build failed: the cause, then
 * each problem), `errors`, `statuses`, `settings` and `secrets` (codes the lower layers emit),
 * `summary` (the popup's warnings, with Polish plural forms), and the options page's prose:
 * `help`, `writeBack`, `months`. One key type, `Key` = "<slice>.<key>", and one `translate`. A
 * bundle imports only its slice (src/i18n/panel.ts for the content script, whose size is
 * budgeted); this module, which pulls in every slice, is for the worker and tests.
 */
import type { Lang } from '../core/lang';
import { CAUSES } from './causes';
import { ERRORS } from './errors';
import { FA3_TEXTS } from './fa3';
import { fill, type Params, type Texts } from './fill';
import { HELP_TEXTS } from './help';
import { INVOICES_TEXTS } from './invoices';
import { MONTH_TEXTS } from './months';
import { UI_TEXTS } from './pages';
import { CONTENT_TEXTS } from './panel';
import { PANEL_LONG_TEXTS } from './panel-long';
import { PURCHASES_TEXTS } from './purchases';
import { REASONS } from './reasons';
import { SECRETS_TEXTS } from './secrets';
import { SETTINGS_TEXTS } from './settings';
import { STATUSES } from './statuses';
import { SUMMARY_TEXTS } from './summary';
import { WAITING } from './waiting';
import { WORKER_TEXTS } from './worker';
import { WRITE_BACK_TEXTS } from './write-back';

export const SLICES = {
  ui: UI_TEXTS,
  invoices: INVOICES_TEXTS,
  purchases: PURCHASES_TEXTS,
  content: CONTENT_TEXTS,
  panel: PANEL_LONG_TEXTS,
  worker: WORKER_TEXTS,
  reasons: REASONS,
  causes: CAUSES,
  waiting: WAITING,
  errors: ERRORS,
  help: HELP_TEXTS,
  writeBack: WRITE_BACK_TEXTS,
  months: MONTH_TEXTS,
  fa3: FA3_TEXTS,
  settings: SETTINGS_TEXTS,
  secrets: SECRETS_TEXTS,
  summary: SUMMARY_TEXTS,
  statuses: STATUSES,
} as const;

type Slices = typeof SLICES;
export type Slice = keyof Slices;
type SliceKey<S extends Slice> = keyof Slices[S]['pl'] & string;

/** One key type over every slice: "<slice>.<key>", e.g. "reasons.rejected", "errors.keyImport.key-mismatch". */
export type Key = { [S in Slice]: `${S}.${SliceKey<S>}` }[Slice];

export function translate(lang: Lang, key: Key, params?: Params): string {
  const dot = key.indexOf('.');
  const table = (SLICES[key.slice(0, dot) as Slice] as Texts<string>)[lang];
  return fill(table[key.slice(dot + 1)] ?? key, params);
}

/** Every key, for the completeness test. */
export function allKeys(): Key[] {
  return (Object.keys(SLICES) as Slice[]).flatMap((s) => Object.keys(SLICES[s].pl).map((k) => `${s}.${k}` as Key));
}

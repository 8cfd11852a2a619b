/**
 * The pages' slice (popup, options, shared components). Per-page words live in their own slices
 * (invoices.ts, purchases.ts).
 */
import type { Lang } from '../core/lang';
import { type Params, type Texts, translatorOf } from './fill';
import { en } from './ui-en';
import { type MessageKey, pl } from './ui-pl';

export type { MessageKey };

export const UI_TEXTS: Texts<MessageKey> = { pl, en };

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Lang): Translate {
  return translatorOf(UI_TEXTS, lang);
}

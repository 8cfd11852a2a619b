/**
 * The rules of the "Połączenie" form that are not markup: which field errors it shows and what a
 * first save still needs. Kept out of the component so it reads as state, actions and layout.
 */
import type { Translate } from '../../i18n/pages';
import { fieldMessage } from '../../i18n/settings';
import type { KsefEnv, Lang, Settings } from '../../messaging';
import { baseTokenError, ksefTokenError, settingsErrors } from '../../settings/validate';
import type { Loaded } from './loaded';

/** Errors by field, in the user's language: the changed settings plus both token fields. */
export function connectionErrors(
  patch: Partial<Settings>,
  tokens: { ksef: string; base: string },
  env: KsefEnv,
  lang: Lang,
): Record<string, string> {
  const errs: Record<string, string> = {};
  for (const e of settingsErrors(patch)) errs[e.field] ??= fieldMessage(e, lang);
  const kErr = ksefTokenError(tokens.ksef, env);
  if (kErr) errs.ksefToken = fieldMessage(kErr, lang);
  const bErr = baseTokenError(tokens.base);
  if (bErr) errs.baseToken = fieldMessage(bErr, lang);
  return errs;
}

/** What a first save needs, in the order the form asks for it. */
export function requiredMissing(settings: Settings, secrets: Loaded['secrets'], t: Translate): string[] {
  const out: string[] = [];
  if (!secrets.ksefToken) out.push(t('ksefTokenLabel'));
  if (!settings.nip) out.push(t('nipLabel'));
  if (!secrets.baseToken) out.push(t('baseTokenLabel'));
  if (!settings.seller.name.trim()) out.push(t('sellerName'));
  if (!settings.seller.addressL1.trim()) out.push(t('sellerAddressL1'));
  return out;
}

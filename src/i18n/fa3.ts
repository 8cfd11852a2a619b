/**
 * The fa3 slice: every FA(3) problem's words (the builder's refusals and warnings, the semantic
 * checks, the XSD and XML parse messages), by text key, with `{param}` placeholders. src/fa3 words
 * its Polish `message` from the Polish table (the one place those words live) and stores the key
 * and parameters with it, so src/pipeline/build-cause.ts can word the same problem in the UI
 * language. A key defaults to the problem's code; a code worded in more than one way (e.g. the
 * JST and VAT-group variants of BUYER_UNIT_NIP_INVALID) names its variant's key.
 */
import type { Lang } from '../core/lang';
import { EN_BUILD, type Fa3BuildKey, PL_BUILD } from './fa3-build';
import { EN_XML, type Fa3XmlKey, PL_XML } from './fa3-xml';
import { fill, type Params, type Texts } from './fill';

export type Fa3Key = Fa3BuildKey | Fa3XmlKey;

export const FA3_TEXTS: Texts<Fa3Key> = {
  pl: { ...PL_BUILD, ...PL_XML },
  en: { ...EN_BUILD, ...EN_XML },
};

export function isFa3Key(key: string): key is Fa3Key {
  return Object.hasOwn(FA3_TEXTS.pl, key);
}

/** A problem's words in `lang`, its placeholders filled. */
export function fa3Text(key: Fa3Key, lang: Lang, params: Params): string {
  return fill(FA3_TEXTS[lang][key], withLocalDecimals(params, lang));
}

/**
 * Fractions read the language's way (2,5 MB in Polish, 2.5 MB in English), so a problem stores the
 * number and each language words it. Whole numbers (item lines, lengths, counts) stay as they are:
 * no grouping, which would split a count like 10001.
 */
function withLocalDecimals(params: Params, lang: Lang): Params {
  let out: Record<string, string | number> | undefined;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'number' || Number.isInteger(value)) continue;
    out ??= { ...params };
    out[name] = value.toLocaleString(lang === 'pl' ? 'pl-PL' : 'en-GB', {
      maximumFractionDigits: 2,
      useGrouping: false,
    });
  }
  return out ?? params;
}

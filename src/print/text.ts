/**
 * Text helpers for the print. The PDF stamp uses pdf-lib's standard fonts, which encode only
 * WinAnsi (CP1252): `ó` is there, but ą ć ę ł ń ś ź ż are not, and embedding a Polish TTF would
 * add hundreds of KB to the extension. So the stamp's fixed labels avoid those letters where
 * possible and any other text is transliterated (the HTML summary keeps full Polish).
 */

import { warsawStampText } from '../core/warsaw';

const PL_ASCII: Record<string, string> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ś: 's',
  ź: 'z',
  ż: 'z',
  Ą: 'A',
  Ć: 'C',
  Ę: 'E',
  Ł: 'L',
  Ń: 'N',
  Ś: 'S',
  Ź: 'Z',
  Ż: 'Z',
  '–': '-',
  '—': '-',
  '„': '"',
  '”': '"',
};

/** Makes `text` drawable with a font whose character set is `charset` (code points). */
export function toFontSafe(text: string, charset: ReadonlySet<number>): string {
  let out = '';
  for (const ch of text) {
    const mapped = PL_ASCII[ch] ?? ch;
    for (const c of mapped) out += charset.has(c.codePointAt(0)!) ? c : '?';
  }
  return out;
}

/** Date and time as Polish users read them, in Polish time (KSeF timestamps are UTC ISO-8601). */
export function formatPolishDateTime(when: Date | string): string {
  const d = typeof when === 'string' ? new Date(when) : when;
  if (Number.isNaN(d.getTime())) throw new Error(`Niepoprawna data przetworzenia: „${String(when)}”.`);
  return warsawStampText(d.getTime());
}

/**
 * Base's free-text `payment` (docs/base.md §1.2: "Przelew", "Blik", "Cash on delivery", …) → FA(3)
 * FormaPlatnosci (1 gotówka, 2 karta, 3 bon, 4 czek, 5 kredyt, 6 przelew, 7 mobilna;
 * docs/ksef-protocol.md §9), or PlatnoscInna + OpisPlatnosci for anything else (PayPal, marketplace).
 */
export type PaymentForm = { forma: 1 | 2 | 3 | 4 | 5 | 6 | 7 } | { inna: string };

const RULES: [RegExp, 1 | 2 | 3 | 4 | 5 | 6 | 7][] = [
  [/blik|mobiln|apple ?pay|google ?pay/i, 7],
  [/\bbon\b|voucher|podarunkow|gift/i, 3],
  [/pobrani|przy odbiorze|\bcod\b|cash on delivery|got[oó]wk|cash/i, 1],
  [/kart|card|visa|mastercard/i, 2],
  [/przelew|transfer|bank|przedp[lł]at/i, 6],
  [/kredyt|credit|raty|leasing/i, 5],
  [/czek|cheque|check/i, 4],
];

export function mapPayment(text: string): PaymentForm | undefined {
  const t = text.trim();
  if (!t) return undefined;
  for (const [re, forma] of RULES) if (re.test(t)) return { forma };
  return { inna: t.slice(0, 256) };
}

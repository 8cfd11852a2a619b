/**
 * What "no Polish in the English UI" means for the tests: no Polish letters or quotes, and none of
 * the common Polish words the extension's texts use. Names that are Polish on purpose (KSeF's own
 * permission names, the user's data) are kept out of the texts checked with it.
 */
const POLISH_LETTERS = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”]/;
const POLISH_WORDS =
  /\b(nie|jest|się|na|ma|za|od|bez|lub|albo|oraz|dla|przez|faktur[ayę]?|podaj|wybierz|sprawdź|popraw|klucz[a-z]*|szyfr[a-z]*|bitów|wymagan[a-z]*|obsługiwan[a-z]*|zamiast|brak|uszkodzon[a-z]*|plik[a-z]*|błąd|zapis[a-z]*|odszyfr[a-z]*|nieoczekiwan[a-z]*|synchronizacj[a-z]*|paczk[a-z]*|wysłan[a-z]*|odrzucon[a-z]*|ustawieniach)\b/i;

/** The Polish found in `text`, or null when there is none. */
export function polishIn(text: string): string | null {
  return POLISH_LETTERS.exec(text)?.[0] ?? POLISH_WORDS.exec(text)?.[0] ?? null;
}

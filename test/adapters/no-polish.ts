import { expect } from 'vitest';

/** Polish letters, and Polish words of our texts that have none (Brak, nie, faktura, ponownie…). */
const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”]|\b(nie|brak|faktur\w*|ponownie|spróbuj|odmow\w*|sesj\w*|paczk\w*|żądani\w*)\b/i;

/** Fails when `text` reads as Polish. */
export function expectNoPolish(text: string | undefined): void {
  expect(text, 'a text to check').toBeTruthy();
  expect(text, `Polish in: ${text}`).not.toMatch(POLISH);
}

/**
 * What the support CLI says when something fails: our own errors already carry a Polish
 * message; errors of the JavaScript runtime (`RangeError: Invalid time value`…) and of libxml2
 * (`Invalid input or internal error`) do not, and are told in Polish here, never as a stack trace.
 */
import { isValidNip } from '../core/nip';

const RUNTIME = new Set(['RangeError', 'TypeError', 'SyntaxError', 'ReferenceError', 'URIError', 'EvalError']);

/** The message for the user, in Polish. */
export function polishError(err: unknown): string {
  if (!(err instanceof Error)) return `nieoczekiwany błąd: ${String(err)}`;
  if (err.name === 'RangeError' && /time value|date/i.test(err.message))
    return 'nieprawidłowa data w danych wejściowych (poza zakresem kalendarza); sprawdź pola z datami.';
  if (err.name.startsWith('Xml') || err.constructor.name.startsWith('Xml'))
    return 'nie można przetworzyć pliku XML: jest uszkodzony albo zawiera konstrukcje, których faktura FA(3) nie może mieć (np. DTD lub encje zewnętrzne).';
  if (RUNTIME.has(err.name))
    return `nie można przetworzyć danych wejściowych: mają nieoczekiwaną postać (${err.name}). Sprawdź plik wejściowy.`;
  return err.message;
}

/** A NIP given on the command line: ten digits with a correct checksum, else a Polish error. */
export function checkedNip(value: string, option: string): string {
  const nip = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(nip)) throw new Error(`--${option} musi być NIP-em z 10 cyfr, a jest „${value}”`);
  if (!isValidNip(nip))
    throw new Error(
      `--${option}: nieprawidłowy NIP ${nip}: suma kontrolna się nie zgadza. Sprawdź, czy nie ma literówki.`,
    );
  return nip;
}

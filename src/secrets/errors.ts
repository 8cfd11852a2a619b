/**
 * Typed errors of the Offline-certificate key import: each failure has its own code
 * for programs and tests and its own Polish message for the user, saying what to do next.
 * Messages never contain the password or key material.
 */
export type KeyImportErrorCode =
  | 'wrong-password'
  | 'password-required'
  | 'malformed-key'
  | 'unsupported-algorithm'
  | 'key-mismatch'
  | 'malformed-certificate'
  | 'not-offline-certificate'
  | 'certificate-expired';

const MESSAGES: Record<KeyImportErrorCode, string> = {
  'wrong-password':
    'Nieprawidłowe hasło do klucza prywatnego. Wpisz hasło podane w Aplikacji Podatnika przy generowaniu certyfikatu (wielkość liter ma znaczenie). Jeśli hasło jest na pewno dobre, a plik nadal się nie otwiera, wygeneruj certyfikat ponownie.',
  'password-required':
    'Plik klucza jest zaszyfrowany (ENCRYPTED PRIVATE KEY). Podaj hasło ustalone przy generowaniu certyfikatu.',
  'malformed-key':
    'Plik nie jest poprawnym kluczem prywatnym. Wybierz plik .key pobrany z Aplikacji Podatnika KSeF (PEM „ENCRYPTED PRIVATE KEY”) albo niezaszyfrowany klucz PKCS#8 (PEM „PRIVATE KEY” lub DER), a nie plik certyfikatu .crt/.cer.',
  'unsupported-algorithm':
    'Ten rodzaj klucza lub szyfrowania nie jest obsługiwany. Obsługiwane są klucze EC P-256 i RSA (co najmniej 2048 bitów), zaszyfrowane PBES2 (PBKDF2 z HMAC-SHA1/SHA-256 i AES-128/AES-256-CBC) lub niezaszyfrowane PKCS#8.',
  'key-mismatch':
    'Klucz prywatny nie pasuje do wybranego certyfikatu Offline (inny klucz publiczny). Wybierz certyfikat wygenerowany razem z tym plikiem .key albo plik .key należący do wybranego certyfikatu.',
  'malformed-certificate':
    'Nie udało się odczytać certyfikatu KSeF (oczekiwano certyfikatu X.509 w formacie DER lub PEM). Pobierz certyfikat ponownie z KSeF.',
  'not-offline-certificate':
    'Wybrany certyfikat nie jest certyfikatem typu Offline (brak użycia klucza „niezaprzeczalność”). KOD II można podpisywać wyłącznie certyfikatem Offline; certyfikatu uwierzytelniającego nie wolno do tego używać. Wybierz certyfikat Offline.',
  'certificate-expired':
    'Wybrany certyfikat Offline wygasł, więc podpisane nim kody KOD II nie przejdą weryfikacji. Wygeneruj nowy certyfikat Offline w Aplikacji Podatnika KSeF i wybierz go.',
};

export class KeyImportError extends Error {
  override readonly name = 'KeyImportError';
  constructor(
    readonly code: KeyImportErrorCode,
    /** Optional technical detail appended to the message (never secret). */
    detail?: string,
  ) {
    super(detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code]);
  }
}

export function isKeyImportError(e: unknown): e is KeyImportError {
  return e instanceof KeyImportError;
}
